package dev.doorstep.fallback;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import dev.doorstep.core.delivery.FallbackDeadlines;
import dev.doorstep.core.memory.InMemoryReviewRequestScheduler;
import dev.doorstep.core.model.Customer;
import dev.doorstep.core.model.Fulfillment;
import dev.doorstep.core.model.Order;
import dev.doorstep.core.model.OrderKey;
import dev.doorstep.core.model.OrderStatus;
import dev.doorstep.core.model.Shop;
import dev.doorstep.core.model.ShopSettings;
import dev.doorstep.core.planning.ReviewRequestPlanner;
import dev.doorstep.core.timing.TimingPolicy;
import dev.doorstep.core.timing.TimingReason;
import dev.doorstep.emulator.ProjectRoot;
import dev.doorstep.emulator.WithAwsEmulator;
import dev.doorstep.store.DoorstepTable;
import dev.doorstep.store.DynamoDbOrderStore;
import dev.doorstep.store.DynamoDbShopStore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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

/**
 * The TTL-driven 60-day fallback over the wire. moto never expires items, so each test does what
 * DynamoDB's TTL process does: deletes the FALLBACK entry, then hands the function the stream record
 * AWS would write for it (with the TTL service identity, events/order-stream/ttl-remove.json), read by the
 * Lambda runtime's own serializer.
 */
@WithAwsEmulator
class FallbackFunctionTest {

    static final String SHOP = "acme-tea.myshopify.com";
    static final Instant FULFILLED = Instant.parse("2026-03-02T10:00:00Z");
    static final Instant DEADLINE = FULFILLED.plus(Duration.ofDays(60));

    final DynamoDbClient dynamo;
    final String table = "fallback-" + UUID.randomUUID();
    final DynamoDbOrderStore orders;
    final DynamoDbShopStore shops;
    final InMemoryReviewRequestScheduler scheduler = new InMemoryReviewRequestScheduler();
    final Map<OrderKey, Instant> schedules = scheduler.schedules();

    FallbackFunctionTest(DynamoDbClient dynamo) {
        this.dynamo = dynamo;
        DoorstepTable.create(dynamo, table);
        orders = new DynamoDbOrderStore(dynamo, table);
        shops = new DynamoDbShopStore(dynamo, table);
        shops.save(Shop.installed(ShopSettings.defaults(SHOP).toBuilder().shopCountry("US").aftershipEnabled(true)
                .build()));
    }

    FallbackFunction function(Instant now) {
        var planner = new ReviewRequestPlanner(new TimingPolicy(), orders, scheduler);
        return new FallbackFunction(new FallbackDeadlines(orders, shops, planner), Clock.fixed(now, ZoneOffset.UTC));
    }

    OrderKey waiting(String orderId) {
        OrderKey key = new OrderKey(SHOP, orderId);
        orders.insert(Order.received(key, "#" + orderId, new Fulfillment("f1", FULFILLED, "1Z" + orderId, "UPS", "US"),
                        new Customer("c1", "Ada", "ada@example.com", null), List.of(), FULFILLED).toBuilder()
                .trackingId("trk-" + orderId).trackingAttempts(1).fallbackDeadline(DEADLINE).build()
                .moveTo(OrderStatus.CREATING_TRACKING, "trackable", FULFILLED)
                .moveTo(OrderStatus.WAITING_FOR_DELIVERY, "AfterShip tracking created", FULFILLED));
        return key;
    }

    /** Deletes the order's FALLBACK entry as TTL would, and returns the stream record for it. */
    DynamodbEvent expire(OrderKey key, boolean byTtl) throws IOException {
        Map<String, AttributeValue> entryKey = Map.of("pk", AttributeValue.fromS("SHOP#" + key.shop()),
                "sk", AttributeValue.fromS("FALLBACK#" + key.orderId()));
        Map<String, AttributeValue> entry = dynamo.getItem(b -> b.tableName(table).key(entryKey)).item();
        assertThat(entry).as("the order's FALLBACK entry").isNotEmpty()
                .containsEntry("expiresAt", AttributeValue.fromN(Long.toString(DEADLINE.getEpochSecond())));
        dynamo.deleteItem(b -> b.tableName(table).key(entryKey));
        String json = Files.readString(ProjectRoot.find().resolve("events/order-stream/ttl-remove.json"))
                .replace("acme-tea.myshopify.com", key.shop()).replace("1001", key.orderId());
        if (!byTtl) {
            json = json.replaceFirst("(?s)\"userIdentity\": \\{.*?\\},", "");
        }
        return LambdaEventSerializers.serializerFor(DynamodbEvent.class, getClass().getClassLoader())
                .fromJson(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aTtlDeletionOfTheFallbackEntrySendsNowWithReasonFallback() throws IOException {
        OrderKey key = waiting("1001");
        Instant now = DEADLINE.plus(Duration.ofHours(30)); // TTL lags

        StreamsEventResponse response = function(now).handleRequest(expire(key, true), null);

        assertThat(response.getBatchItemFailures()).isEmpty();
        Order order = orders.find(key).orElseThrow();
        assertThat(order.status()).isEqualTo(OrderStatus.SCHEDULED);
        assertThat(order.sendReason()).isEqualTo(TimingReason.FALLBACK);
        assertThat(schedules).containsEntry(key, now);
    }

    @Test
    void aUserDeleteOfTheSameEntryIsIgnored() throws IOException {
        OrderKey key = waiting("1002");
        DynamodbEvent userDelete = expire(key, false);
        assertThat(userDelete.getRecords().getFirst().getUserIdentity()).isNull();

        StreamsEventResponse response = function(DEADLINE.plusSeconds(60)).handleRequest(userDelete, null);

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(orders.find(key).orElseThrow().status()).isEqualTo(OrderStatus.WAITING_FOR_DELIVERY);
        assertThat(schedules).isEmpty();
    }

    @Test
    void theSameRecordDeliveredTwiceSchedulesOnce() throws IOException {
        OrderKey key = waiting("1003");
        DynamodbEvent ttl = expire(key, true);
        Instant now = DEADLINE.plusSeconds(60);

        function(now).handleRequest(ttl, null);
        Order first = orders.find(key).orElseThrow();
        function(now.plusSeconds(60)).handleRequest(ttl, null); // the stream delivers it again

        assertThat(orders.find(key).orElseThrow().version()).isEqualTo(first.version());
        assertThat(schedules).containsEntry(key, now);
    }

    @Test
    void aFailingRecordIsReportedByItsSequenceNumber() throws IOException {
        OrderKey key = waiting("1004");
        DynamodbEvent ttl = expire(key, true);
        dynamo.deleteTable(b -> b.tableName(table)); // the store cannot be read

        StreamsEventResponse response = function(DEADLINE.plusSeconds(60)).handleRequest(ttl, null);

        assertThat(response.getBatchItemFailures()).extracting(StreamsEventResponse.BatchItemFailure::getItemIdentifier)
                .containsExactly("111100000000012345678901");
    }
}
