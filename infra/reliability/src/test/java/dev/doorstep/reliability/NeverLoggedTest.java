package dev.doorstep.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.doorstep.aftership.sandbox.AfterShipSandbox;
import dev.doorstep.emulator.AwsEmulator;
import dev.doorstep.emulator.ProjectRoot;
import dev.doorstep.emulator.WithAwsEmulator;
import dev.doorstep.lambda.JsonLog;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.sesv2.SesV2Client;

/**
 * No secret, API key or customer data in a log line (the same list infra/bin/check-logs uses): over the
 * log lines of a run that handles every one of them on its good and bad paths (captured from
 * {@link JsonLog}), and over every log this module's earlier test classes wrote.
 */
@WithAwsEmulator
class NeverLoggedTest {

    static final AfterShipSandbox SANDBOX = AfterShipSandbox.start();

    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
    private final NeverLogged never = NeverLogged.load();

    @AfterEach
    void restore() {
        JsonLog.redirect(System.out);
    }

    @AfterAll
    static void stop() {
        SANDBOX.close();
    }

    @Test
    void aRunThroughEveryFunctionWithSecretsAroundLogsNoneOfThem(AwsEmulator emulator, DynamoDbClient dynamo,
            DynamoDbStreamsClient streams, KmsClient kms, SchedulerClient scheduler, SesV2Client ses) {
        // a tee: the lines still reach the surefire report that infra/bin/check-logs scans
        JsonLog.redirect(new PrintStream(new Tee(captured, System.out), true, StandardCharsets.UTF_8));
        Pipeline pipeline = new Pipeline(emulator, dynamo, streams, kms, scheduler, ses, SANDBOX, SANDBOX.baseUrl(),
                new Crash());
        var tracked = Pipeline.fulfillment("7500000000001", "RLLOG1");
        var untracked = Pipeline.fulfillment("7500000000002", null);
        var refused = Pipeline.fulfillment("7500000000003", "RLINVALID3");
        var wrongSecret = Headers.header(ShopifyDeliveries.fresh(ShopifyDeliveries.sample("orders-fulfilled")),
                "x-shopify-hmac-sha256", ShopifyDeliveries.sign(new byte[] {1}, "not-the-app-secret"));
        var broken = ShopifyDeliveries.fresh(ShopifyDeliveries.signed("fulfillments-create", "{\"email\":"));
        SANDBOX.failNext(pipeline.apiKey, 429, 2);
        SANDBOX.failNext(pipeline.apiKey, 503, 1);

        pipeline.run(List.of(tracked, untracked, refused, wrongSecret, broken, tracked));
        pipeline.run(List.of(tracked));

        String logs = captured.toString(StandardCharsets.UTF_8);
        assertThat(logs).as("the run logged its work").contains("webhook applied", "review request sent",
                "webhook rejected");
        assertThat(never.size()).isGreaterThan(20);
        assertThat(never.hits("captured", logs)).isEmpty();
    }

    @Test
    void theLogsOfThisModulesOtherTestsCarryNoneOfThem() throws IOException {
        Path reports = ProjectRoot.find().resolve("infra/reliability/target/surefire-reports");
        List<String> hits = new ArrayList<>();
        if (Files.isDirectory(reports)) {
            try (Stream<Path> files = Files.list(reports)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".txt")).toList()) {
                    hits.addAll(never.hits(file.getFileName().toString(), Files.readString(file,
                            StandardCharsets.ISO_8859_1)));
                }
            }
        }
        assertThat(hits).isEmpty();
    }

    /** Writes to both streams. */
    private static final class Tee extends OutputStream {
        private final OutputStream a;
        private final OutputStream b;

        Tee(OutputStream a, OutputStream b) {
            this.a = a;
            this.b = b;
        }

        @Override
        public void write(int c) throws IOException {
            a.write(c);
            b.write(c);
        }

        @Override
        public void write(byte[] bytes, int off, int len) throws IOException {
            a.write(bytes, off, len);
            b.write(bytes, off, len);
        }

        @Override
        public void flush() throws IOException {
            a.flush();
            b.flush();
        }
    }
}
