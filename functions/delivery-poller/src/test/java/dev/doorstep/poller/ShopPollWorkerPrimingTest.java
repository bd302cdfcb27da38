package dev.doorstep.poller;

import static dev.doorstep.lambda.Quiet.silently;
import static org.assertj.core.api.Assertions.assertThat;

import dev.doorstep.aftership.AfterShipClient;
import dev.doorstep.aftership.AfterShipConfig;
import dev.doorstep.aftership.AfterShipTrackingService;
import dev.doorstep.aftership.ApiKey;
import dev.doorstep.aftership.CarrierSlugs;
import dev.doorstep.aftership.sandbox.AfterShipSandbox;
import dev.doorstep.aftership.sandbox.Script;
import dev.doorstep.core.model.Customer;
import dev.doorstep.core.model.Fulfillment;
import dev.doorstep.core.model.Order;
import dev.doorstep.core.model.OrderKey;
import dev.doorstep.core.model.OrderStatus;
import dev.doorstep.core.model.Shop;
import dev.doorstep.core.model.ShopSettings;
import dev.doorstep.core.polling.ShopPoll;
import dev.doorstep.core.polling.ShopPollOutcome;
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

/**
 * SnapStart priming of the shop poll worker runs at deployment time, over the wire here as there: a
 * real table, the real scheduler adapter on Scheduler, AfterShip's sandbox. With a tracked shop whose
 * parcel was delivered in the table, it must still read, miss and stop: no checkpoint or order written,
 * no schedule made or removed, no AfterShip call, not one log or metric line.
 */
@WithAwsEmulator
class ShopPollWorkerPrimingTest {

    static final AfterShipSandbox SANDBOX = AfterShipSandbox.start();
    static final String SHOP = "acme-tea.myshopify.com";
    static final Instant FULFILLED = Instant.parse("2026-03-02T10:00:00Z");
    static final Instant NOW = Instant.parse("2026-03-09T12:01:00Z");

    final DynamoDbClient dynamo;
    final SchedulerClient schedulerClient;
    final String table = "poll-" + UUID.randomUUID();
    final String group = "reviews-" + UUID.randomUUID();
    final DynamoDbShopStore shops;
    final DynamoDbOrderStore orders;
    final EventBridgeReviewScheduler scheduler;
    final ShopPoll poll;
    final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

    ShopPollWorkerPrimingTest(DynamoDbClient dynamo, SchedulerClient schedulerClient) {
        SANDBOX.reset();
        SANDBOX.clock(NOW.minus(Duration.ofMinutes(2)));
        this.dynamo = dynamo;
        this.schedulerClient = schedulerClient;
        DoorstepTable.create(dynamo, table);
        schedulerClient.createScheduleGroup(b -> b.name(group));
        shops = new DynamoDbShopStore(dynamo, table);
        orders = new DynamoDbOrderStore(dynamo, table);
        scheduler = new EventBridgeReviewScheduler(schedulerClient, new ReviewSenderTarget(group,
                "arn:aws:lambda:us-east-1:123456789012:function:review-sender",
                "arn:aws:iam::123456789012:role/doorstep-scheduler",
                "arn:aws:sqs:us-east-1:123456789012:doorstep-schedule-dlq"), clock);
        var aftership = new AfterShipTrackingService(new AfterShipClient(AfterShipConfig.defaults(SANDBOX.baseUrl())
                .withTimeouts(Duration.ofSeconds(2), Duration.ofMillis(20))),
                shop -> Optional.of(new ApiKey("key-" + shop)), CarrierSlugs.standard());
        poll = new PollerWiring(shops, orders, aftership, scheduler).shopPoll();
    }

    @AfterAll
    static void stop() {
        SANDBOX.close();
    }

    @Test
    void primingOnAnEmptyTableSkipsTheUnknownShopAndDoesNothing() {
        ShopPollOutcome outcome = silently(() -> ShopPollWorkerPriming.prime(poll, clock));

        assertThat(outcome.skipped()).isEqualTo("the shop is not installed");
        assertThat(outcome.requests()).isZero();
        assertThat(items()).isEmpty();
        assertThat(schedules()).isEmpty();
        assertThat(SANDBOX.requests()).isEmpty();
    }

    @Test
    void primingLeavesATrackedShopWithADeliveredParcelAndTheSchedulesAlone() {
        shops.save(Shop.installed(ShopSettings.defaults(SHOP).toBuilder().shopCountry("US").aftershipEnabled(true)
                .build()));
        SANDBOX.script("1ZDELIVERED0001", Script.deliveredAt(NOW.minus(Duration.ofDays(1))));
        String trackingId = SandboxTrackings.create(SANDBOX, "key-" + SHOP, "1ZDELIVERED0001", "1001");
        orders.insert(Order.received(new OrderKey(SHOP, "1001"), "#1001",
                        new Fulfillment("f-1001", FULFILLED, "1ZDELIVERED0001", "UPS", "US"),
                        new Customer("c1", "Ada", "ada@example.com", null), List.of(), FULFILLED)
                .toBuilder().trackingId(trackingId).trackingAttempts(1)
                .fallbackDeadline(FULFILLED.plus(Duration.ofDays(60))).build()
                .moveTo(OrderStatus.CREATING_TRACKING, "trackable", FULFILLED)
                .moveTo(OrderStatus.WAITING_FOR_DELIVERY, "AfterShip tracking created", FULFILLED));
        scheduler.schedule(new OrderKey(SHOP, "1002"), NOW.plus(Duration.ofDays(1)), ZoneOffset.UTC);
        List<Map<String, AttributeValue>> items = items();
        List<String> schedules = schedules();
        int afterShipRequests = SANDBOX.requests().size();

        silently(() -> ShopPollWorkerPriming.prime(poll, clock));

        assertThat(items()).containsExactlyInAnyOrderElementsOf(items);
        assertThat(schedules()).isEqualTo(schedules).hasSize(1);
        assertThat(SANDBOX.requests()).hasSize(afterShipRequests);
    }

    @Test
    void theBuiltInMessageIsReadByTheHandlersOwnParserAsAShopThatCannotBeStored() {
        ShopPollMessage message = ShopPollMessage.parse(ShopPollWorkerPriming.MESSAGE);

        // shops are stored only as <name>.myshopify.com (the shop API and the webhook refuse anything else)
        assertThat(message.shop()).doesNotEndWith(".myshopify.com");
        assertThat(message.pollStart()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
    }

    List<Map<String, AttributeValue>> items() {
        return dynamo.scan(b -> b.tableName(table).consistentRead(true)).items();
    }

    List<String> schedules() {
        return schedulerClient.listSchedules(b -> b.groupName(group)).schedules().stream().map(ScheduleSummary::name)
                .sorted().toList();
    }
}
