package dev.doorstep.tracking;

import static dev.doorstep.lambda.Quiet.silently;
import static org.assertj.core.api.Assertions.assertThat;

import dev.doorstep.aftership.AfterShipClient;
import dev.doorstep.aftership.AfterShipConfig;
import dev.doorstep.aftership.AfterShipTrackingService;
import dev.doorstep.aftership.ApiKey;
import dev.doorstep.aftership.CarrierSlugs;
import dev.doorstep.aftership.KmsApiKeyCipher;
import dev.doorstep.aftership.StoredApiKeys;
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
import dev.doorstep.core.tracking.CreationOutcome;
import dev.doorstep.core.tracking.TrackingCreation;
import dev.doorstep.emulator.WithAwsEmulator;
import dev.doorstep.scheduling.EventBridgeReviewScheduler;
import dev.doorstep.scheduling.ReviewSenderTarget;
import dev.doorstep.store.DoorstepTable;
import dev.doorstep.store.DynamoDbAfterShipCredentialStore;
import dev.doorstep.store.DynamoDbOrderStore;
import dev.doorstep.store.DynamoDbShopStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.scheduler.model.ScheduleSummary;

/**
 * SnapStart priming runs at deployment time, over the wire here as there: a real table, the real
 * scheduler adapter on Scheduler, KMS-encrypted keys and AfterShip's sandbox. It must read, miss and
 * stop: no item written, no schedule made or removed, no AfterShip call, not one log or metric line.
 */
@WithAwsEmulator
class TrackingCreatorPrimingTest {

    static final AfterShipSandbox SANDBOX = AfterShipSandbox.start();
    static final String SHOP = "acme-tea.myshopify.com";
    static final Instant NOW = Instant.parse("2026-03-01T11:00:00Z");

    final DynamoDbClient dynamo;
    final SchedulerClient schedulerClient;
    final String table = "doorstep-" + UUID.randomUUID();
    final String group = "reviews-" + UUID.randomUUID();
    final DynamoDbOrderStore orders;
    final DynamoDbShopStore shops;
    final StoredApiKeys keys;
    final EventBridgeReviewScheduler scheduler;
    final TrackingCreation creation;
    final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

    TrackingCreatorPrimingTest(DynamoDbClient dynamo, SchedulerClient schedulerClient, KmsClient kms) {
        SANDBOX.reset();
        this.dynamo = dynamo;
        this.schedulerClient = schedulerClient;
        DoorstepTable.create(dynamo, table);
        schedulerClient.createScheduleGroup(b -> b.name(group));
        orders = new DynamoDbOrderStore(dynamo, table);
        shops = new DynamoDbShopStore(dynamo, table);
        keys = new StoredApiKeys(new DynamoDbAfterShipCredentialStore(dynamo, table),
                new KmsApiKeyCipher(kms, kms.createKey(b -> b.description("aftership keys")).keyMetadata().keyId()),
                clock);
        scheduler = new EventBridgeReviewScheduler(schedulerClient, new ReviewSenderTarget(group,
                "arn:aws:lambda:us-east-1:123456789012:function:review-sender",
                "arn:aws:iam::123456789012:role/doorstep-scheduler",
                "arn:aws:sqs:us-east-1:123456789012:doorstep-schedule-dlq"), clock);
        var aftership = new AfterShipTrackingService(new AfterShipClient(AfterShipConfig.defaults(SANDBOX.baseUrl())
                .withTimeouts(Duration.ofSeconds(2), Duration.ofMillis(20))), keys, CarrierSlugs.standard());
        TimingPolicy policy = new TimingPolicy();
        creation = new TrackingCreation(orders, shops, aftership, new ReviewRequestPlanner(policy, orders, scheduler),
                policy);
    }

    @AfterAll
    static void stop() {
        SANDBOX.close();
    }

    @Test
    void primingOnAnEmptyTableFindsNoOrderAndDoesNothingElse() {
        CreationOutcome outcome = silently(() -> TrackingCreatorPriming.prime(creation, clock));

        assertThat(outcome).isEqualTo(new CreationOutcome.NothingToDo("order not found"));
        assertThat(items()).isEmpty();
        assertThat(schedules()).isEmpty();
        assertThat(SANDBOX.requests()).isEmpty();
    }

    @Test
    void primingLeavesALiveShopItsOrdersAndTheirSchedulesAlone() {
        shops.save(Shop.installed(ShopSettings.defaults(SHOP).toBuilder().aftershipEnabled(true).shopCountry("US")
                .build()));
        keys.save(SHOP, new ApiKey("as-key-acme-0001"), null);
        orders.insert(order("1001").moveTo(OrderStatus.CREATING_TRACKING, "trackable", NOW));
        scheduler.schedule(new OrderKey(SHOP, "1002"), NOW.plus(Duration.ofDays(7)), ZoneOffset.UTC);
        List<Map<String, AttributeValue>> items = items();
        List<String> schedules = schedules();

        silently(() -> TrackingCreatorPriming.prime(creation, clock));

        assertThat(items()).containsExactlyInAnyOrderElementsOf(items);
        assertThat(schedules()).isEqualTo(schedules).hasSize(1);
        assertThat(SANDBOX.requests()).isEmpty();
        assertThat(SANDBOX.trackingIds()).isEmpty();
    }

    @Test
    void theBuiltInRecordIsReadByTheHandlersOwnReaderAsAnOrderThatCannotBeStored() {
        assertThat(OrderInserted.from(TrackingCreatorPriming.record()))
                .hasValueSatisfying(o -> assertThat(o.order()).isEqualTo(TrackingCreatorPriming.ORDER));
        // Shopify's order ids are integers and its shops *.myshopify.com: the webhook stores nothing else.
        assertThat(TrackingCreatorPriming.ORDER.orderId()).doesNotContainPattern("^\\d+$");
        assertThat(TrackingCreatorPriming.ORDER.shop()).doesNotEndWith(".myshopify.com");
    }

    static Order order(String orderId) {
        return Order.received(new OrderKey(SHOP, orderId), "#" + orderId,
                new Fulfillment("f" + orderId, NOW.minus(Duration.ofHours(1)), "1Z" + orderId, "UPS", "US"),
                new Customer("c1", "Ana Lima", "ana@example.com", null), List.of(), NOW);
    }

    List<Map<String, AttributeValue>> items() {
        return dynamo.scan(b -> b.tableName(table).consistentRead(true)).items();
    }

    List<String> schedules() {
        return schedulerClient.listSchedules(b -> b.groupName(group)).schedules().stream().map(ScheduleSummary::name)
                .sorted().toList();
    }
}
