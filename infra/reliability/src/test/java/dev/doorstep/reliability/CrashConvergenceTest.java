package dev.doorstep.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import dev.doorstep.aftership.sandbox.AfterShipSandbox;
import dev.doorstep.core.model.OrderStatus;
import dev.doorstep.emulator.AwsEmulator;
import dev.doorstep.emulator.WithAwsEmulator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.sesv2.SesV2Client;

/**
 * A crash at step N of webhook -> tracking creation -> delivery or fulfillment timing -> scheduling ->
 * sending (every port call is two steps: before it and after it took effect), then the same inputs run
 * again without the fault: every order ends SENT, with one tracking in AfterShip and one email in SES.
 * CI crashes just after each kind of write took effect (the function dies not knowing it wrote: the hard
 * case), and after the last order update (the SENT mark, with the email already out); the on-demand
 * variant crashes at every step.
 */
@WithAwsEmulator
class CrashConvergenceTest {

    static final AfterShipSandbox SANDBOX = AfterShipSandbox.start();
    private static final AtomicInteger ORDERS = new AtomicInteger();

    private final AwsEmulator emulator;
    private final DynamoDbClient dynamo;
    private final DynamoDbStreamsClient streams;
    private final KmsClient kms;
    private final SchedulerClient scheduler;
    private final SesV2Client ses;

    CrashConvergenceTest(AwsEmulator emulator, DynamoDbClient dynamo, DynamoDbStreamsClient streams, KmsClient kms,
            SchedulerClient scheduler, SesV2Client ses) {
        this.emulator = emulator;
        this.dynamo = dynamo;
        this.streams = streams;
        this.kms = kms;
        this.scheduler = scheduler;
        this.ses = ses;
    }

    @AfterAll
    static void stop() {
        SANDBOX.close();
    }

    /** The writes whose loss-of-answer matters most; the on-demand variant covers every other step. */
    static final List<String> WRITES = List.of("receipts.first", "orders.insert", "scheduler.schedule",
            "aftership.create", "mail.send");

    @TestFactory
    Stream<DynamicTest> aCrashJustAfterEachKindOfWriteConverges() {
        List<String> names = faultFreeSteps();
        java.util.Set<String> seen = new java.util.HashSet<>();
        List<Integer> chosen = new java.util.ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            String port = names.get(i).replace(" (after)", "");
            if (names.get(i).endsWith("(after)") && WRITES.contains(port) && seen.add(port)) {
                chosen.add(i + 1);
            }
        }
        chosen.add(names.lastIndexOf("orders.update (after)") + 1);
        return chosen.stream().distinct().map(n -> test(n, names));
    }

    @TestFactory
    @Tag("on-demand")
    Stream<DynamicTest> aCrashAtEveryStepConverges() {
        List<String> names = faultFreeSteps();
        return IntStream.rangeClosed(1, names.size()).mapToObj(n -> test(n, names));
    }

    private DynamicTest test(int n, List<String> names) {
        return DynamicTest.dynamicTest("crash at step " + n + " of " + names.size() + ": " + names.get(n - 1),
                () -> crashAt(n));
    }

    /** The steps a fault-free pass takes (the crash is never armed), by name. */
    private List<String> faultFreeSteps() {
        Crash counting = new Crash();
        Scenario s = new Scenario(counting);
        s.pipeline.run(s.webhooks);
        s.assertConverged();
        return counting.names();
    }

    private void crashAt(int n) {
        Crash crash = new Crash();
        Scenario s = new Scenario(crash);
        crash.arm(n);
        s.pipeline.run(s.webhooks);
        crash.disarm();
        System.out.println("crash at step " + n + ": " + crash.where());

        s.pipeline.run(s.webhooks);

        s.assertConverged();
    }

    /** Two orders: one tracked through AfterShip (delivered at the first poll), one on fulfillment timing. */
    private final class Scenario {
        final Pipeline pipeline;
        final String tracked = String.valueOf(7_200_000_000_000L + ORDERS.incrementAndGet());
        final String untracked = String.valueOf(7_300_000_000_000L + ORDERS.get());
        final String trackingNumber = "RLCRASH" + ORDERS.get();
        final List<APIGatewayV2HTTPEvent> webhooks;

        Scenario(Crash crash) {
            pipeline = new Pipeline(emulator, dynamo, streams, kms, scheduler, ses, SANDBOX, SANDBOX.baseUrl(), crash);
            webhooks = List.of(Pipeline.fulfillment(tracked, trackingNumber), Pipeline.fulfillment(untracked, null));
        }

        void assertConverged() {
            for (String id : List.of(tracked, untracked)) {
                assertThat(pipeline.order(id).status()).as(id + ": " + pipeline.order(id).statusReason())
                        .isEqualTo(OrderStatus.SENT);
                assertThat(pipeline.emailsOf(id)).as(id).hasSize(1);
            }
            assertThat(pipeline.trackingsOf(trackingNumber)).isEqualTo(1);
        }
    }
}
