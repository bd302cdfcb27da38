package dev.doorstep.poller;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import dev.doorstep.aftership.AfterShipClient;
import dev.doorstep.aftership.AfterShipConfig;
import dev.doorstep.aftership.AfterShipTrackingService;
import dev.doorstep.aftership.ApiKey;
import dev.doorstep.aftership.CarrierSlugs;
import dev.doorstep.aftership.sandbox.AfterShipSandbox;
import dev.doorstep.core.model.Customer;
import dev.doorstep.core.model.Fulfillment;
import dev.doorstep.core.model.Order;
import dev.doorstep.core.model.OrderKey;
import dev.doorstep.core.model.OrderStatus;
import dev.doorstep.core.model.Shop;
import dev.doorstep.core.model.ShopSettings;
import dev.doorstep.core.planning.ReviewRequestPlanner;
import dev.doorstep.core.timing.TimingPolicy;
import dev.doorstep.core.tracking.TrackingCreation;
import dev.doorstep.emulator.WithAwsEmulator;
import dev.doorstep.scheduling.EventBridgeOrderWakeUps;
import dev.doorstep.scheduling.EventBridgeReviewScheduler;
import dev.doorstep.scheduling.ReviewSenderTarget;
import dev.doorstep.scheduling.ScheduleNames;
import dev.doorstep.scheduling.WakeUpTarget;
import dev.doorstep.store.DoorstepTable;
import dev.doorstep.store.DynamoDbOrderStore;
import dev.doorstep.store.DynamoDbShopStore;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.scheduler.model.GetScheduleResponse;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * An order's wake-up travels on its own queue, over the wire (DynamoDB, SQS and Scheduler in the emulator,
 * AfterShip in the sandbox): the schedule a failed tracking creation sets names the wake-up queue, not the
 * shop poll queue, and the worker handles what arrives there at the promised time while the poll queue still
 * holds a whole cycle of shop polls, none of them read first. (In AWS each queue has its own event source
 * mapping on ShopPollWorkerFunction; TemplateWakeUpQueueTest in shop-api checks the template says so.)
 */
@WithAwsEmulator
class WakeUpQueueTest {

    static final AfterShipSandbox SANDBOX = AfterShipSandbox.start();
    static final Instant FULFILLED = Instant.parse("2026-03-02T10:00:00Z");
    static final String ROLE = "arn:aws:iam::123456789012:role/doorstep-scheduler";
    static final String DLQ = "arn:aws:sqs:us-east-1:123456789012:doorstep-schedule-dlq";
    static final String SENDER = "arn:aws:lambda:us-east-1:123456789012:function:review-sender";
    /** A poll cycle's start with many tracked shops: the messages a wake-up used to wait behind. */
    static final int QUEUED_SHOP_POLLS = 500;

    final PromisedTimesTest.MovableClock clock = new PromisedTimesTest.MovableClock(FULFILLED);
    final SqsClient sqs;
    final SchedulerClient scheduler;
    final DynamoDbOrderStore orders;
    final String pollQueueUrl;
    final String wakeUpQueueUrl;
    final String wakeUpQueueArn;
    final String group = "doorstep-" + UUID.randomUUID();
    final String shop = "wake-" + UUID.randomUUID().toString().substring(0, 8) + ".myshopify.com";
    final PollerWiring wiring;
    final TrackingCreation creation;

    WakeUpQueueTest(DynamoDbClient dynamo, SqsClient sqs, SchedulerClient scheduler) {
        this.sqs = sqs;
        this.scheduler = scheduler;
        String table = "wake-queue-" + UUID.randomUUID();
        DoorstepTable.create(dynamo, table);
        DynamoDbShopStore shops = new DynamoDbShopStore(dynamo, table);
        orders = new DynamoDbOrderStore(dynamo, table);
        SANDBOX.reset();
        pollQueueUrl = sqs.createQueue(b -> b.queueName("shop-polls-" + UUID.randomUUID())).queueUrl();
        wakeUpQueueUrl = sqs.createQueue(b -> b.queueName("order-wake-ups-" + UUID.randomUUID())).queueUrl();
        wakeUpQueueArn = arnOf(wakeUpQueueUrl);
        scheduler.createScheduleGroup(b -> b.name(group));
        shops.save(Shop.installed(ShopSettings.defaults(shop).toBuilder().shopCountry("US").aftershipEnabled(true)
                .build()));
        AfterShipTrackingService aftership = new AfterShipTrackingService(new AfterShipClient(
                AfterShipConfig.defaults(SANDBOX.baseUrl()).withTimeouts(Duration.ofSeconds(2), Duration.ofMillis(20))
                        .withAttempts(1, 2)), s -> Optional.of(new ApiKey("key-" + s)), CarrierSlugs.standard());
        var wakeUps = new EventBridgeOrderWakeUps(scheduler, new WakeUpTarget(group, wakeUpQueueArn, ROLE, DLQ), clock);
        var sends = new EventBridgeReviewScheduler(scheduler, new ReviewSenderTarget(group, SENDER, ROLE, DLQ), clock);
        TimingPolicy policy = new TimingPolicy();
        wiring = new PollerWiring(shops, orders, aftership, sends, wakeUps);
        creation = new TrackingCreation(orders, shops, aftership, new ReviewRequestPlanner(policy, orders, sends),
                policy, wakeUps);
    }

    @AfterAll
    static void stop() {
        SANDBOX.close();
    }

    @Test
    void aTrackingRetryIsWokenThroughItsOwnQueueWhileACycleOfShopPollsWaits() {
        OrderKey key = new OrderKey(shop, "3001");
        orders.insert(Order.received(key, "#3001", new Fulfillment("f-3001", FULFILLED, "1ZNOTADDED3001", "UPS", "US"),
                        new Customer("c1", "Ada", "ada@example.com", null), List.of(), FULFILLED)
                .moveTo(OrderStatus.CREATING_TRACKING, "trackable", FULFILLED));
        Instant first = FULFILLED.plus(Duration.ofMinutes(2));
        at(first);
        creation.attempt(key, first, false);
        assertThat(orders.find(key).orElseThrow().status()).isEqualTo(OrderStatus.TRACKING_RETRY);
        assertThat(creates()).as("the first attempt").isEqualTo(1);

        GetScheduleResponse wakeUp = scheduler.getSchedule(b -> b.groupName(group).name(ScheduleNames.wakeUpOf(key)));
        assertThat(wakeUp.target().arn()).as("the wake-up's target").isEqualTo(wakeUpQueueArn)
                .isNotEqualTo(arnOf(pollQueueUrl));

        queueShopPolls(QUEUED_SHOP_POLLS);
        // What Scheduler does at the wake-up's time: its input onto the queue its target names.
        Instant promised = PromisedTimesTest.atTime(wakeUp.scheduleExpression(),
                ZoneId.of(wakeUp.scheduleExpressionTimezone()));
        at(promised);
        String targetQueueUrl = sqs.getQueueUrl(b -> b.queueName(nameOf(wakeUp.target().arn()))).queueUrl();
        sqs.sendMessage(b -> b.queueUrl(targetQueueUrl).messageBody(wakeUp.target().input()));

        // The wake-up queue's event source: the first thing it reads is the wake-up.
        List<Message> read = sqs.receiveMessage(b -> b.queueUrl(wakeUpQueueUrl).maxNumberOfMessages(5)).messages();
        assertThat(read).hasSize(1);
        assertThat(WakeUpMessage.parse(read.getFirst().body())).map(WakeUpMessage::order).contains(key);
        SQSBatchResponse response = new ShopPollWorker(wiring.shopPoll(), wiring.sweep(), clock)
                .handleRequest(DeliveryPollTest.asEvent(read), null);

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(creates()).as("the second attempt, at the promised time").isEqualTo(2);
        assertThat(orders.find(key).orElseThrow().status()).isEqualTo(OrderStatus.SCHEDULED);
        assertThat(waiting(pollQueueUrl)).as("the shop polls, none read before the wake-up")
                .isEqualTo(QUEUED_SHOP_POLLS);
    }

    private void queueShopPolls(int count) {
        for (int from = 0; from < count; from += 10) {
            List<SendMessageBatchRequestEntry> entries = IntStream.range(from, Math.min(from + 10, count))
                    .mapToObj(i -> SendMessageBatchRequestEntry.builder().id("s" + i)
                            .messageBody(new ShopPollMessage("polled-" + i + ".myshopify.com", clock.instant()).toJson())
                            .build())
                    .toList();
            sqs.sendMessageBatch(b -> b.queueUrl(pollQueueUrl).entries(entries));
        }
        assertThat(waiting(pollQueueUrl)).isEqualTo(count);
    }

    private int waiting(String queueUrl) {
        return Integer.parseInt(sqs.getQueueAttributes(b -> b.queueUrl(queueUrl)
                .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)).attributes()
                .get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES));
    }

    private String arnOf(String queueUrl) {
        return sqs.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
    }

    private static String nameOf(String queueArn) {
        return queueArn.substring(queueArn.lastIndexOf(':') + 1);
    }

    private void at(Instant now) {
        clock.set(now);
        SANDBOX.clock(now);
    }

    private long creates() {
        return SANDBOX.requests("key-" + shop).stream()
                .filter(r -> r.method().equals("POST") && r.path().endsWith("/trackings")).count();
    }
}
