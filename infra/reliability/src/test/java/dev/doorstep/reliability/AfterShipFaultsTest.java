package dev.doorstep.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import dev.doorstep.aftership.sandbox.AfterShipSandbox;
import dev.doorstep.aftership.sandbox.RecordedRequest;
import dev.doorstep.core.model.Order;
import dev.doorstep.core.model.OrderStatus;
import dev.doorstep.core.timing.TimingReason;
import dev.doorstep.emulator.AwsEmulator;
import dev.doorstep.emulator.WithAwsEmulator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.sesv2.SesV2Client;

/**
 * AfterShip misbehaving during tracking creation, behind the fault proxy: 429 storms (the reset header
 * waited out), 5xx, timeouts, answers lost mid-stream, and numbers AfterShip refuses (the seed's one retry
 * after 12 hours, then fulfillment timing). Every order still ends with exactly one email, and AfterShip
 * with at most one tracking per number.
 */
@WithAwsEmulator
class AfterShipFaultsTest {

    static final AfterShipSandbox SANDBOX = AfterShipSandbox.start();

    private final FaultProxy proxy = FaultProxy.to(SANDBOX.baseUrl());
    private final Pipeline pipeline;
    private static int next = 0;

    AfterShipFaultsTest(AwsEmulator emulator, DynamoDbClient dynamo, DynamoDbStreamsClient streams, KmsClient kms,
            SchedulerClient scheduler, SesV2Client ses) {
        SANDBOX.reset();
        pipeline = new Pipeline(emulator, dynamo, streams, kms, scheduler, ses, SANDBOX, proxy.uri(), new Crash(),
                Duration.ofMillis(600));
    }

    @AfterEach
    void closeProxy() {
        proxy.close();
    }

    @AfterAll
    static void stop() {
        SANDBOX.close();
    }

    private record Tracked(String orderId, String number, APIGatewayV2HTTPEvent webhook) {
        @Override
        public String toString() {
            return orderId + "/" + number;
        }
    }

    private static List<Tracked> orders(int count, String word) {
        List<Tracked> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String id = String.valueOf(7_400_000_000_000L + ++next);
            String number = "RL" + word + next;
            out.add(new Tracked(id, number, Pipeline.fulfillment(id, number)));
        }
        return out;
    }

    private void assertOneEmailEach(List<Tracked> orders, long trackingsEach) {
        for (Tracked t : orders) {
            Order order = pipeline.order(t.orderId());
            assertThat(order.status()).as(t.orderId() + ": " + order.statusReason()).isEqualTo(OrderStatus.SENT);
            assertThat(pipeline.emailsOf(t.orderId())).as(t.orderId()).hasSize(1);
            assertThat(pipeline.trackingsOf(t.number())).as(t.number()).isEqualTo(trackingsEach);
        }
    }

    @Test
    void a429StormIsWaitedOutUntilTheResetAndNothingIsLost() {
        List<Tracked> orders = orders(4, "STORM");
        SANDBOX.failNext(pipeline.apiKey, 429, 9);

        pipeline.run(orders.stream().map(Tracked::webhook).toList());

        assertOneEmailEach(orders, 1);
        assertThat(orders).allSatisfy(t -> assertThat(pipeline.order(t.orderId()).sendReason())
                .as("timed on delivery").isIn(TimingReason.DELIVERY_BASED, TimingReason.MINIMUM_DELAY_FLOOR));
        List<RecordedRequest> requests = SANDBOX.requests(pipeline.apiKey);
        assertThat(requests).extracting(RecordedRequest::status).contains(429);
        int run = 0;
        for (int i = 0; i + 1 < requests.size(); i++) {
            run = requests.get(i).status() == 429 ? run + 1 : 0;
            // X-RateLimit-Reset is the next second: within a call no request may come before it. After the
            // client's own waits (1 + 5 per call) it gives up; the stream's immediate retry starts a new call,
            // which does not know the reset (the sandbox's injected 429s say requests remain; see docs).
            if (run > 0 && run % 6 != 0) {
                assertThat(requests.get(i + 1).at().getEpochSecond()).as("request after the 429 at " + i)
                        .isGreaterThan(requests.get(i).at().getEpochSecond());
            }
        }
    }

    @Test
    void fiveHundredsAndTimeoutsGoBackToTheStreamWithoutUsingTheRetry() {
        List<Tracked> orders = orders(2, "FLAKY");
        SANDBOX.failNext(pipeline.apiKey, 503, 4);
        orders.forEach(t -> pipeline.deliver(t.webhook()));
        proxy.slow(Duration.ofMillis(900)); // over the client's request timeout (600 ms here)
        pipeline.stream(pipeline.streamFromStart());
        assertThat(orders).allSatisfy(t -> {
            Order order = pipeline.order(t.orderId());
            assertThat(order.status()).isEqualTo(OrderStatus.CREATING_TRACKING);
            assertThat(order.trackingAttempts()).as("a transient failure uses no attempt").isZero();
        });
        proxy.heal();

        pipeline.run(orders.stream().map(Tracked::webhook).toList());

        assertOneEmailEach(orders, 1);
        assertThat(SANDBOX.requests(pipeline.apiKey)).extracting(RecordedRequest::status).contains(503);
    }

    @Test
    void anAnswerLostAfterAfterShipCreatedTheTrackingMakesNoSecondTracking() {
        List<Tracked> orders = orders(3, "LOST");
        orders.forEach(t -> pipeline.deliver(t.webhook()));
        proxy.set(FaultProxy.Fault.RESET_RESPONSES);
        pipeline.stream(pipeline.streamFromStart());
        proxy.heal();
        assertThat(SANDBOX.trackingIds()).as("AfterShip created them; we never heard").hasSize(3);

        pipeline.run(orders.stream().map(Tracked::webhook).toList());

        assertOneEmailEach(orders, 1);
        assertThat(orders).allSatisfy(t -> assertThat(pipeline.order(t.orderId()).trackingId()).isNotBlank());
    }

    @Test
    void aNumberAfterShipRefusesIsTriedOnceMoreAfter12HoursThenSentOnFulfillmentTiming() {
        List<Tracked> orders = orders(2, "INVALID");

        pipeline.run(orders.stream().map(Tracked::webhook).toList());

        assertOneEmailEach(orders, 0);
        assertThat(orders).allSatisfy(t -> {
            Order order = pipeline.order(t.orderId());
            assertThat(order.trackingAttempts()).isEqualTo(2);
            assertThat(order.sendReason()).isEqualTo(TimingReason.FULFILLMENT_BASED);
            assertThat(order.trackingFailure()).isEqualTo("INVALID_TRACKING_NUMBER");
        });
    }
}
