package dev.doorstep.poller;

import static dev.doorstep.lambda.Quiet.silently;
import static org.assertj.core.api.Assertions.assertThat;

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
import dev.doorstep.core.polling.SweepOutcome;
import dev.doorstep.emulator.WithAwsEmulator;
import dev.doorstep.scheduling.EventBridgeReviewScheduler;
import dev.doorstep.scheduling.ReviewSenderTarget;
import dev.doorstep.store.DoorstepTable;
import dev.doorstep.store.DynamoDbOrderStore;
import dev.doorstep.store.DynamoDbShopStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.scheduler.model.ScheduleSummary;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * SnapStart priming of the 12-hourly poll runs at deployment time, over the wire here as there: a real
 * table, the poll queue on SQS, the real scheduler adapter on Scheduler, AfterShip's sandbox. With work
 * that is really due in the table, it must still read, miss and stop: no item written, no schedule made
 * or removed, no message queued, no AfterShip call, not one log or metric line.
 */
@WithAwsEmulator
class DeliveryPollerPrimingTest {

    static final AfterShipSandbox SANDBOX = AfterShipSandbox.start();
    static final String SHOP = "acme-tea.myshopify.com";
    static final Instant FULFILLED = Instant.parse("2026-03-02T10:00:00Z");
    static final Instant NOW = FULFILLED.plus(Duration.ofDays(61));

    final DynamoDbClient dynamo;
    final SqsClient sqs;
    final SchedulerClient schedulerClient;
    final String table = "poll-" + UUID.randomUUID();
    final String group = "reviews-" + UUID.randomUUID();
    final String queueUrl;
    final DynamoDbShopStore shops;
    final DynamoDbOrderStore orders;
    final EventBridgeReviewScheduler scheduler;
    final PollerWiring wiring;

    DeliveryPollerPrimingTest(DynamoDbClient dynamo, SqsClient sqs, SchedulerClient schedulerClient) {
        SANDBOX.reset();
        this.dynamo = dynamo;
        this.sqs = sqs;
        this.schedulerClient = schedulerClient;
        DoorstepTable.create(dynamo, table);
        schedulerClient.createScheduleGroup(b -> b.name(group));
        queueUrl = sqs.createQueue(b -> b.queueName("poll-" + UUID.randomUUID())).queueUrl();
        shops = new DynamoDbShopStore(dynamo, table);
        orders = new DynamoDbOrderStore(dynamo, table);
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        scheduler = new EventBridgeReviewScheduler(schedulerClient, new ReviewSenderTarget(group,
                "arn:aws:lambda:us-east-1:123456789012:function:review-sender",
                "arn:aws:iam::123456789012:role/doorstep-scheduler",
                "arn:aws:sqs:us-east-1:123456789012:doorstep-schedule-dlq"), clock);
        var aftership = new AfterShipTrackingService(new AfterShipClient(AfterShipConfig.defaults(SANDBOX.baseUrl())
                .withTimeouts(Duration.ofSeconds(2), Duration.ofMillis(20))),
                shop -> Optional.of(new ApiKey("key-" + shop)), CarrierSlugs.standard());
        wiring = new PollerWiring(shops, orders, aftership, scheduler);
    }

    @AfterAll
    static void stop() {
        SANDBOX.close();
    }

    @Test
    void primingOnAnEmptyTableSweepsNothingAndDoesNothing() {
        SweepOutcome swept = silently(() -> DeliveryPollerPriming.prime(wiring.sweep(), shops));

        assertThat(swept.ordersRead()).isZero();
        assertThat(swept.problems()).isEmpty();
        assertThat(items()).isEmpty();
        assertThat(schedules()).isEmpty();
        assertThat(queued()).isZero();
        assertThat(SANDBOX.requests()).isEmpty();
    }

    @Test
    void primingLeavesWorkThatIsReallyDueAndTheSchedulesAlone() {
        shops.save(Shop.installed(ShopSettings.defaults(SHOP).toBuilder().shopCountry("US").aftershipEnabled(true)
                .build()));
        // one order past its fallback deadline, one whose tracking retry is due: the real sweep acts on both
        orders.insert(received("1001").toBuilder().trackingId("t1").trackingAttempts(1)
                .fallbackDeadline(FULFILLED.plus(Duration.ofDays(60))).build()
                .moveTo(OrderStatus.CREATING_TRACKING, "trackable", FULFILLED)
                .moveTo(OrderStatus.WAITING_FOR_DELIVERY, "AfterShip tracking created", FULFILLED));
        orders.insert(received("1002").toBuilder().trackingAttempts(1).trackingFailure("INVALID_TRACKING_NUMBER")
                .trackingRetryAt(FULFILLED.plus(Duration.ofHours(12))).build()
                .moveTo(OrderStatus.CREATING_TRACKING, "trackable", FULFILLED)
                .moveTo(OrderStatus.TRACKING_RETRY, "one more try", FULFILLED));
        scheduler.schedule(new OrderKey(SHOP, "1003"), NOW.plus(Duration.ofDays(1)), ZoneOffset.UTC);
        assertThat(orders.dueBy(NOW, 10)).hasSize(2);
        List<Map<String, AttributeValue>> items = items();
        List<String> schedules = schedules();

        SweepOutcome swept = silently(() -> DeliveryPollerPriming.prime(wiring.sweep(), shops));

        assertThat(swept.ordersRead()).isZero();
        assertThat(items()).containsExactlyInAnyOrderElementsOf(items);
        assertThat(schedules()).isEqualTo(schedules).hasSize(1);
        assertThat(queued()).isZero();
        assertThat(SANDBOX.requests()).isEmpty();
    }

    @Test
    void thePrimingShopCannotBeStored() {
        // shops are stored only as <name>.myshopify.com (the shop API and the webhook refuse anything else)
        assertThat(DeliveryPollerPriming.SHOP).doesNotEndWith(".myshopify.com");
        assertThat(DeliveryPollerPriming.NOTHING_IS_DUE_BEFORE).isBefore(FULFILLED);
    }

    static Order received(String orderId) {
        return Order.received(new OrderKey(SHOP, orderId), "#" + orderId,
                new Fulfillment("f-" + orderId, FULFILLED, "1Z" + orderId, "UPS", "US"),
                new Customer("c1", "Ada", "ada@example.com", null), List.of(), FULFILLED);
    }

    List<Map<String, AttributeValue>> items() {
        return dynamo.scan(b -> b.tableName(table).consistentRead(true)).items();
    }

    List<String> schedules() {
        return schedulerClient.listSchedules(b -> b.groupName(group)).schedules().stream().map(ScheduleSummary::name)
                .sorted().toList();
    }

    int queued() {
        return sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(0)).messages()
                .size();
    }
}
