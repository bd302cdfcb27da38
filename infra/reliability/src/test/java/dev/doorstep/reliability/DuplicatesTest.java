package dev.doorstep.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.doorstep.aftership.KmsApiKeyCipher;
import dev.doorstep.aftership.sandbox.AfterShipSandbox;
import dev.doorstep.core.delivery.DeliveryUpdates;
import dev.doorstep.core.model.OrderKey;
import dev.doorstep.core.model.OrderStatus;
import dev.doorstep.core.planning.ReviewRequestPlanner;
import dev.doorstep.core.port.AfterShipCredentials;
import dev.doorstep.core.port.ReviewRequestScheduler;
import dev.doorstep.core.timing.TimingPolicy;
import dev.doorstep.emulator.AwsEmulator;
import dev.doorstep.emulator.WithAwsEmulator;
import dev.doorstep.scheduling.EventBridgeReviewScheduler;
import dev.doorstep.scheduling.ReviewSenderTarget;
import dev.doorstep.store.DynamoDbAfterShipCredentialStore;
import dev.doorstep.store.DynamoDbReceiptLog;
import dev.doorstep.store.DynamoDbShopStore;
import dev.doorstep.webhook.aftership.AfterShipWebhookFunction;
import dev.doorstep.webhook.aftership.StoredWebhookSecrets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.sesv2.SesV2Client;

/**
 * Everything delivered more than once, end to end: one tracking and one email per order (and, for
 * AfterShip's webhooks, one move to "Will send" and one schedule per order).
 */
@WithAwsEmulator
class DuplicatesTest {

    static final AfterShipSandbox SANDBOX = AfterShipSandbox.start();
    static final String WEBHOOK_SECRET = "reliability-webhook-secret-duplicates";

    private final Pipeline pipeline;
    private final DynamoDbClient dynamo;
    private final KmsClient kms;
    private final SchedulerClient scheduler;

    DuplicatesTest(AwsEmulator emulator, DynamoDbClient dynamo, DynamoDbStreamsClient streams, KmsClient kms,
            SchedulerClient scheduler, SesV2Client ses) {
        SANDBOX.reset();
        pipeline = new Pipeline(emulator, dynamo, streams, kms, scheduler, ses, SANDBOX, SANDBOX.baseUrl(), new Crash());
        this.dynamo = dynamo;
        this.kms = kms;
        this.scheduler = scheduler;
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

    /**
     * AfterShip's Delivered webhook for an order waiting for delivery, delivered 3 times in a row (one
     * order) and 3 times at once (another): each order moves to "Will send" once, one schedule is asked
     * for, and the poll that later sees the same delivery changes nothing; one email each.
     */
    @Test
    void theSameAfterShipWebhookThreeTimesInARowAndAtOnce() throws Exception {
        List<String> ids = List.of("7100000000004", "7100000000005");
        pipeline.deliver(Pipeline.fulfillment(ids.get(0), "RLDUP0004"));
        pipeline.deliver(Pipeline.fulfillment(ids.get(1), "RLDUP0005"));
        pipeline.stream(pipeline.streamFromStart()); // the trackings are created: both wait for delivery
        for (String id : ids) {
            assertThat(pipeline.order(id).status()).as(id).isEqualTo(OrderStatus.WAITING_FOR_DELIVERY);
        }
        Map<String, AtomicInteger> scheduled = new ConcurrentHashMap<>();
        AfterShipWebhookFunction webhook = aftershipWebhook(scheduled);
        Instant delivered = Pipeline.START.plus(Duration.ofHours(2));
        pipeline.later(Duration.ofHours(3));
        List<String> bodies = new ArrayList<>();
        for (String id : ids) {
            String trackingId = pipeline.order(id).trackingId();
            assertThat(SANDBOX.deliver(trackingId, delivered)).isTrue();
            bodies.add(SANDBOX.webhookBody(trackingId));
        }

        List<String> inARow = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            inARow.add(answer(webhook, bodies.get(0)));
        }
        List<String> atOnce = new ArrayList<>();
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            var answers = List.of(threads.submit(() -> answer(webhook, bodies.get(1))),
                    threads.submit(() -> answer(webhook, bodies.get(1))),
                    threads.submit(() -> answer(webhook, bodies.get(1))));
            for (var a : answers) {
                atOnce.add(a.get());
            }
        }

        assertThat(inARow).containsExactly("200 scheduled_on_delivery", "200 duplicate", "200 duplicate");
        assertThat(atOnce).containsOnlyOnce("200 scheduled_on_delivery")
                .allSatisfy(a -> assertThat(a).isIn("200 scheduled_on_delivery", "200 duplicate", "200 not_waiting"));
        for (String id : ids) {
            var order = pipeline.order(id);
            assertThat(order.status()).as(id).isEqualTo(OrderStatus.SCHEDULED);
            assertThat(order.deliveredAt()).as(id).isEqualTo(delivered);
            assertThat(order.history().stream().filter(c -> c.to() == OrderStatus.SCHEDULED)).as(id).hasSize(1);
            assertThat(scheduled.get(id)).as(id + ": schedules asked for").hasValue(1);
        }
        assertThat(scheduler.listSchedulesPaginator(b -> b.groupName(pipeline.group)).schedules()).hasSize(2);

        pipeline.run(List.of()); // the poll sees the same deliveries, then the schedules fire

        for (String id : ids) {
            assertThat(pipeline.order(id).status()).as(id).isEqualTo(OrderStatus.SENT);
            assertThat(pipeline.order(id).history().stream().filter(c -> c.to() == OrderStatus.SCHEDULED)).as(id)
                    .hasSize(1);
            assertThat(pipeline.emailsOf(id)).as(id).hasSize(1);
            assertThat(scheduled.get(id)).as(id + ": schedules asked for").hasValue(1);
        }
        assertThat(pipeline.trackingsOf("RLDUP0004")).isEqualTo(1);
        assertThat(pipeline.trackingsOf("RLDUP0005")).isEqualTo(1);
    }

    /**
     * AfterShipWebhookFunction on the pipeline's table and schedule group, as the runtime wires it, with
     * the shop's webhook secret saved (KMS-encrypted) and every schedule asked for counted per order.
     */
    private AfterShipWebhookFunction aftershipWebhook(Map<String, AtomicInteger> scheduled) {
        var credentials = new DynamoDbAfterShipCredentialStore(dynamo, pipeline.table);
        var cipher = new KmsApiKeyCipher(kms, kms.createKey(b -> b.description("webhook secrets")).keyMetadata()
                .keyId());
        credentials.save(Pipeline.SHOP, new AfterShipCredentials(credentials.find(Pipeline.SHOP).orElseThrow().apiKey(),
                cipher.encryptWebhookSecret(Pipeline.SHOP, WEBHOOK_SECRET)));
        var real = new EventBridgeReviewScheduler(scheduler, new ReviewSenderTarget(pipeline.group,
                "arn:aws:lambda:us-east-1:123456789012:function:review-sender",
                "arn:aws:iam::123456789012:role/doorstep-scheduler",
                "arn:aws:sqs:us-east-1:123456789012:doorstep-schedule-dlq"), pipeline.clock);
        ReviewRequestScheduler counting = new ReviewRequestScheduler() {
            @Override
            public void schedule(OrderKey order, Instant sendAt, ZoneId zone) {
                scheduled.computeIfAbsent(order.orderId(), k -> new AtomicInteger()).incrementAndGet();
                real.schedule(order, sendAt, zone);
            }

            @Override
            public void cancel(OrderKey order) {
                real.cancel(order);
            }
        };
        var policy = new TimingPolicy();
        return new AfterShipWebhookFunction(new StoredWebhookSecrets(credentials, cipher),
                new DynamoDbReceiptLog(dynamo, pipeline.table, pipeline.clock), pipeline.orders,
                new DynamoDbShopStore(dynamo, pipeline.table),
                new DeliveryUpdates(pipeline.orders, new DynamoDbShopStore(dynamo, pipeline.table), policy,
                        new ReviewRequestPlanner(policy, pipeline.orders, counting)), pipeline.clock);
    }

    /** One AfterShip delivery of {@code body} (signed as AfterShip signs it): "status outcome". */
    private static String answer(AfterShipWebhookFunction webhook, String body) {
        var event = APIGatewayV2HTTPEvent.builder().withRawPath("/webhooks/aftership")
                .withQueryStringParameters(Map.of("shop", Pipeline.SHOP))
                .withHeaders(Map.of("content-type", "application/json", "aftership-hmac-sha256",
                        AfterShipSandbox.signature(body, WEBHOOK_SECRET), "as-webhook-version", "2026-07"))
                .withBody(body).withIsBase64Encoded(false).build();
        APIGatewayV2HTTPResponse response = webhook.handleRequest(event, null);
        return response.getStatusCode() + " " + WebhookTable.json(response).path("status").asText();
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
