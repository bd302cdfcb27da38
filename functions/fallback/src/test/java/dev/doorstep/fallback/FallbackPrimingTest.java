package dev.doorstep.fallback;

import static dev.doorstep.lambda.Quiet.silently;
import static org.assertj.core.api.Assertions.assertThat;

import dev.doorstep.core.delivery.FallbackDeadlines;
import dev.doorstep.core.model.Customer;
import dev.doorstep.core.model.Fulfillment;
import dev.doorstep.core.model.Order;
import dev.doorstep.core.model.OrderKey;
import dev.doorstep.core.model.OrderStatus;
import dev.doorstep.core.model.Shop;
import dev.doorstep.core.model.ShopSettings;
import dev.doorstep.core.planning.ReviewRequestPlanner;
import dev.doorstep.core.timing.TimingPolicy;
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
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.scheduler.model.ScheduleSummary;

/**
 * SnapStart priming runs at deployment time, over the wire here as there: a real table and the real
 * scheduler adapter on Scheduler. It must read, miss and stop: no item written, no schedule made or
 * removed, not one log or metric line, even with an order past its fallback deadline in the table.
 */
@WithAwsEmulator
class FallbackPrimingTest {

    static final String SHOP = "acme-tea.myshopify.com";
    static final Instant FULFILLED = Instant.parse("2026-03-02T10:00:00Z");
    static final Instant NOW = FULFILLED.plus(Duration.ofDays(61));

    final DynamoDbClient dynamo;
    final SchedulerClient schedulerClient;
    final String table = "fallback-" + UUID.randomUUID();
    final String group = "reviews-" + UUID.randomUUID();
    final DynamoDbOrderStore orders;
    final DynamoDbShopStore shops;
    final EventBridgeReviewScheduler scheduler;
    final FallbackDeadlines fallbacks;
    final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

    FallbackPrimingTest(DynamoDbClient dynamo, SchedulerClient schedulerClient) {
        this.dynamo = dynamo;
        this.schedulerClient = schedulerClient;
        DoorstepTable.create(dynamo, table);
        schedulerClient.createScheduleGroup(b -> b.name(group));
        orders = new DynamoDbOrderStore(dynamo, table);
        shops = new DynamoDbShopStore(dynamo, table);
        scheduler = new EventBridgeReviewScheduler(schedulerClient, new ReviewSenderTarget(group,
                "arn:aws:lambda:us-east-1:123456789012:function:review-sender",
                "arn:aws:iam::123456789012:role/doorstep-scheduler",
                "arn:aws:sqs:us-east-1:123456789012:doorstep-schedule-dlq"), clock);
        fallbacks = new FallbackDeadlines(orders, shops, new ReviewRequestPlanner(new TimingPolicy(), orders,
                scheduler));
    }

    @Test
    void primingOnAnEmptyTableFindsNothingAndDoesNothing() {
        boolean scheduled = silently(() -> FallbackPriming.prime(fallbacks, clock));

        assertThat(scheduled).isFalse();
        assertThat(items()).isEmpty();
        assertThat(schedules()).isEmpty();
    }

    @Test
    void primingLeavesAnOrderPastItsDeadlineAndTheSchedulesAlone() {
        shops.save(Shop.installed(ShopSettings.defaults(SHOP).toBuilder().shopCountry("US").aftershipEnabled(true)
                .build()));
        orders.insert(Order.received(new OrderKey(SHOP, "1001"), "#1001",
                        new Fulfillment("f1", FULFILLED, "1Z1", "UPS", "US"),
                        new Customer("c1", "Ana Lima", "ana@example.com", null), List.of(), FULFILLED)
                .toBuilder().fallbackDeadline(FULFILLED.plus(Duration.ofDays(60))).trackingId("t1").build()
                .moveTo(OrderStatus.CREATING_TRACKING, "trackable", FULFILLED)
                .moveTo(OrderStatus.WAITING_FOR_DELIVERY, "AfterShip tracking created", FULFILLED));
        scheduler.schedule(new OrderKey(SHOP, "1002"), NOW.plus(Duration.ofDays(1)), ZoneOffset.UTC);
        List<Map<String, AttributeValue>> items = items();
        List<String> schedules = schedules();

        silently(() -> FallbackPriming.prime(fallbacks, clock));

        assertThat(items()).containsExactlyInAnyOrderElementsOf(items);
        assertThat(schedules()).isEqualTo(schedules).hasSize(1);
    }

    @Test
    void theBuiltInRecordIsReadByTheHandlersOwnReaderAsATtlExpiryOfAnOrderThatCannotBeStored() {
        FallbackEntryExpiry expiry = FallbackEntryExpiry.read(FallbackPriming.record());

        assertThat(expiry.ignoredBecause()).isNull();
        assertThat(expiry.order()).isEqualTo(FallbackPriming.ORDER);
        // Shopify's order ids are integers and its shops *.myshopify.com: nothing else is ever stored.
        assertThat(FallbackPriming.ORDER.orderId()).doesNotContainPattern("^\\d+$");
        assertThat(FallbackPriming.ORDER.shop()).doesNotEndWith(".myshopify.com");
    }

    List<Map<String, AttributeValue>> items() {
        return dynamo.scan(b -> b.tableName(table).consistentRead(true)).items();
    }

    List<String> schedules() {
        return schedulerClient.listSchedules(b -> b.groupName(group)).schedules().stream().map(ScheduleSummary::name)
                .sorted().toList();
    }
}
