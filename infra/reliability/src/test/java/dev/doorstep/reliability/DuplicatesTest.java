package dev.doorstep.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.doorstep.aftership.sandbox.AfterShipSandbox;
import dev.doorstep.core.model.OrderStatus;
import dev.doorstep.emulator.AwsEmulator;
import dev.doorstep.emulator.WithAwsEmulator;
import java.util.List;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.sesv2.SesV2Client;

/** Everything delivered more than once, end to end: one tracking and one email per order. */
@WithAwsEmulator
class DuplicatesTest {

    static final AfterShipSandbox SANDBOX = AfterShipSandbox.start();

    private final Pipeline pipeline;

    DuplicatesTest(AwsEmulator emulator, DynamoDbClient dynamo, DynamoDbStreamsClient streams, KmsClient kms,
            SchedulerClient scheduler, SesV2Client ses) {
        SANDBOX.reset();
        pipeline = new Pipeline(emulator, dynamo, streams, kms, scheduler, ses, SANDBOX, SANDBOX.baseUrl(), new Crash());
    }

    @AfterAll
    static void stop() {
        SANDBOX.close();
    }

    @Test
    void theSameWebhookThreeTimesInARowAndAtOnce() throws Exception {
        var tracked = Pipeline.fulfillment("7100000000001", "RLDUP0001");
        var untracked = Pipeline.fulfillment("7100000000002", null);
        for (int i = 0; i < 3; i++) {
            assertThat(pipeline.deliver(tracked)).isEqualTo(200);
        }
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            var answers = List.of(threads.submit(() -> pipeline.deliver(untracked)),
                    threads.submit(() -> pipeline.deliver(untracked)), threads.submit(() -> pipeline.deliver(untracked)));
            for (var answer : answers) {
                assertThat(answer.get()).isEqualTo(200);
            }
        }

        pipeline.run(List.of(tracked, untracked, tracked));

        for (String id : List.of("7100000000001", "7100000000002")) {
            assertThat(pipeline.order(id).status()).as(id).isEqualTo(OrderStatus.SENT);
            assertThat(pipeline.emailsOf(id)).as(id).hasSize(1);
        }
        assertThat(pipeline.trackingsOf("RLDUP0001")).isEqualTo(1);
    }

    @Test
    void theStreamRecordThreeTimesAndTheSenderTwicePerSchedule() {
        var tracked = Pipeline.fulfillment("7100000000003", "RLDUP0003");
        pipeline.deliver(tracked);
        for (int i = 0; i < 3; i++) {
            // the event source mapping hands the same INSERT over again (from the oldest record each time)
            pipeline.stream(pipeline.streamFromStart());
        }
        pipeline.invocationsPerSchedule = 2;
        pipeline.run(List.of());

        assertThat(pipeline.order("7100000000003").status()).isEqualTo(OrderStatus.SENT);
        assertThat(pipeline.emailsOf("7100000000003")).hasSize(1);
        assertThat(pipeline.trackingsOf("RLDUP0003")).isEqualTo(1);
    }
}
