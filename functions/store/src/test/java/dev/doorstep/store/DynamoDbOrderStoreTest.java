package dev.doorstep.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.doorstep.core.model.Customer;
import dev.doorstep.core.model.Order;
import dev.doorstep.core.model.OrderKey;
import dev.doorstep.core.model.OrderStatus;
import dev.doorstep.core.port.AppliedShopifyEvent;
import dev.doorstep.core.port.Page;
import dev.doorstep.core.port.StaleOrderException;
import dev.doorstep.core.timing.SendDecision;
import dev.doorstep.core.timing.TimingReason;
import dev.doorstep.emulator.WithAwsEmulator;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

@WithAwsEmulator
class DynamoDbOrderStoreTest {

    private static final String SHOP = "acme-outdoor.myshopify.com";

    private final DynamoDbClient dynamo;
    private final String table = "orders-" + UUID.randomUUID();
    private final DynamoDbOrderStore store;

    DynamoDbOrderStoreTest(DynamoDbClient dynamo) {
        this.dynamo = dynamo;
        DoorstepTable.create(dynamo, table);
        this.store = new DynamoDbOrderStore(dynamo, table);
    }

    private Map<String, AttributeValue> item(String sk) {
        return dynamo.getItem(b -> b.tableName(table).key(Map.of("pk", AttributeValue.fromS("SHOP#" + SHOP),
                "sk", AttributeValue.fromS(sk)))).item();
    }

    @Test
    void insertIsRefusedWhenTheOrderExists() {
        Order order = Orders.received(SHOP, "1001", Orders.FULFILLED);

        assertThat(store.insert(order)).isTrue();
        assertThat(store.insert(order.toBuilder().orderNumber("#other").build())).isFalse();

        Order stored = store.find(order.key()).orElseThrow();
        assertThat(stored.version()).isEqualTo(1);
        assertThat(stored.orderNumber()).isEqualTo("#1001");
    }

    @Test
    void insertMarkedWritesTheEventMarkWithTheOrderAndOnlyOnce() {
        Instant triggered = Instant.parse("2026-03-12T10:00:00Z");
        Order tracked = Orders.creatingTracking(SHOP, "1001");
        Order untracked = Orders.received(SHOP, "1002", Orders.FULFILLED);

        assertThat(store.insertMarked(tracked, "evt-1", triggered)).isTrue();
        assertThat(store.insertMarked(untracked, null, triggered)).isTrue();
        assertThat(store.insertMarked(tracked, "evt-2", triggered.plusSeconds(60))).isFalse();

        assertThat(store.lastApplied(tracked.key())).contains(new AppliedShopifyEvent("evt-1", triggered));
        assertThat(item("ORDER#1001").get("shopifyEventId").s()).isEqualTo("evt-1");
        assertThat(item("FALLBACK#1001")).as("no fallback entry until AfterShip is asked: one PutItem").isEmpty();
        assertThat(store.lastApplied(untracked.key())).contains(new AppliedShopifyEvent(null, triggered));
        assertThat(item("FALLBACK#1002")).isEmpty();
        assertThat(store.find(untracked.key()).orElseThrow().version()).isEqualTo(1);
    }

    @Test
    void updateIsRefusedWhenSomeoneElseWroteFirst() {
        store.insert(Orders.creatingTracking(SHOP, "1001"));
        Order read = store.find(new OrderKey(SHOP, "1001")).orElseThrow();

        Order first = store.update(read, read.toBuilder().trackingId("t-1").build());
        assertThat(first.version()).isEqualTo(2);

        assertThatThrownBy(() -> store.update(read, read.toBuilder().trackingId("t-2").build()))
                .isInstanceOf(StaleOrderException.class);
        assertThat(store.find(read.key()).orElseThrow().trackingId()).isEqualTo("t-1");
    }

    @Test
    void anUpdateThatAlsoWritesTheFallbackEntryIsRefusedWhenSomeoneElseWroteFirstAndWritesNeither() {
        store.insert(Orders.creatingTracking(SHOP, "1001"));
        Order read = store.find(new OrderKey(SHOP, "1001")).orElseThrow();
        store.update(read, read.toBuilder().trackingFailure("someone else").build());

        assertThatThrownBy(() -> store.update(read, read.moveTo(OrderStatus.WAITING_FOR_DELIVERY, "tracked",
                Instant.now()))).isInstanceOf(StaleOrderException.class);
        assertThat(store.find(read.key()).orElseThrow().status()).isEqualTo(OrderStatus.CREATING_TRACKING);
        assertThat(item("FALLBACK#1001")).isEmpty();
    }

    @Test
    void updateOfAMissingOrderIsRefused() {
        Order ghost = Orders.received(SHOP, "404", Orders.FULFILLED).toBuilder().version(1).build();
        assertThatThrownBy(() -> store.update(ghost, ghost)).isInstanceOf(StaleOrderException.class);
        assertThat(store.find(ghost.key())).isEmpty();
    }

    @Test
    void anOrderRoundTripsThroughTheItemAndTheStreamImage() {
        Instant at = Instant.parse("2026-03-12T10:00:00.123456789Z");
        Order order = Orders.creatingTracking(SHOP, "1001").toBuilder().trackingId("trk").trackingAttempts(1)
                .trackingFailure("4005 invalid tracking number").deliveredAt(at).leaseUntil(at).messageId("m-1")
                .version(1).build()
                .moveTo(OrderStatus.WAITING_FOR_DELIVERY, "AfterShip tracks it", at)
                .schedule(new SendDecision(at.plusSeconds(86400), TimingReason.DELIVERY_BASED, at, false, "3 days"), at);
        store.insert(order);
        Order stored = store.find(order.key()).orElseThrow();

        assertThat(stored).isEqualTo(order.toBuilder().version(1).build());

        OrderItemMapper mapper = new OrderItemMapper();
        var image = new java.util.HashMap<String, com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue>();
        mapper.toItem(stored).forEach((k, v) -> image.put(k, streamValue(v)));
        assertThat(mapper.fromStreamImage(image)).isEqualTo(stored);
    }

    /** What the Lambda events library hands a stream handler, built the way its deserializer does. */
    private static com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue streamValue(
            AttributeValue v) {
        var out = new com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue();
        if (v.s() != null) {
            out.setS(v.s());
        } else if (v.n() != null) {
            out.setN(v.n());
        } else if (v.bool() != null) {
            out.setBOOL(v.bool());
        } else if (v.hasM()) {
            var m = new java.util.HashMap<String, com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue>();
            v.m().forEach((k, x) -> m.put(k, streamValue(x)));
            out.setM(m);
        } else if (v.hasL()) {
            out.setL(v.l().stream().map(DynamoDbOrderStoreTest::streamValue).toList());
        }
        return out;
    }

    @Test
    void aTrackedOrderGetsAFallbackEntryWithTtlThatGoesWhenItLeavesTracking() {
        Order order = Orders.creatingTracking(SHOP, "1001");
        store.insert(order);
        assertThat(item("FALLBACK#1001")).as("while creating the tracking, its due time is the safety net").isEmpty();
        assertThat(item("ORDER#1001").get("gsi1sk").s())
                .startsWith(Keys.dueSortKey(Orders.FULFILLED.plusSeconds(60).plus(Order.TRACKING_CREATION_GRACE),
                        order.key()));

        Order read = store.find(order.key()).orElseThrow();
        Order waiting = store.update(read, read.moveTo(OrderStatus.WAITING_FOR_DELIVERY, "tracked", Instant.now()));
        var entry = item("FALLBACK#1001");
        assertThat(entry.get("type").s()).isEqualTo("FALLBACK");
        assertThat(entry.get("expiresAt").n())
                .isEqualTo(Long.toString(Orders.FULFILLED.plus(Duration.ofDays(60)).getEpochSecond()));

        Order again = store.update(waiting, waiting.toBuilder().trackingId("t-2").build());
        assertThat(item("FALLBACK#1001")).as("an update that leaves the deadline alone keeps the entry").isNotEmpty();
        waiting = again;

        store.update(waiting, waiting.schedule(new SendDecision(Instant.now(), TimingReason.DELIVERY_BASED,
                Instant.now(), true, "delivered"), Instant.now()));
        assertThat(item("FALLBACK#1001")).isEmpty();
    }

    @Test
    void anOrderWithoutFallbackDeadlineHasNoEntryAndDeleteRemovesBoth() {
        store.insert(Orders.received(SHOP, "1001", Orders.FULFILLED));
        assertThat(item("FALLBACK#1001")).isEmpty();

        store.insert(Orders.creatingTracking(SHOP, "1002"));
        store.delete(new OrderKey(SHOP, "1002"));
        assertThat(item("ORDER#1002")).isEmpty();
        assertThat(item("FALLBACK#1002")).isEmpty();
    }

    @Test
    void dueByReadsOnlyDueOrdersOldestFirstAcrossShards() {
        Instant now = Instant.parse("2026-04-01T00:00:00Z");
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            String id = "20" + i;
            Order order = Orders.creatingTracking(SHOP + i, id);
            store.insert(order);
            Order read = store.find(order.key()).orElseThrow();
            Instant retryAt = now.plus(Duration.ofHours(i - 6)); // half due, half not yet
            store.update(read, read.toBuilder().trackingAttempts(1).trackingRetryAt(retryAt).build()
                    .moveTo(OrderStatus.TRACKING_RETRY, "invalid courier", now));
            if (!retryAt.isAfter(now)) {
                expected.add(id);
            }
        }
        store.insert(Orders.received(SHOP, "999", now)); // RECEIVED: never due

        assertThat(store.dueBy(now, 100)).extracting(o -> o.key().orderId()).containsExactlyElementsOf(expected);
        assertThat(store.dueBy(now, 3)).extracting(o -> o.key().orderId())
                .containsExactlyElementsOf(expected.subList(0, 3));
        assertThat(store.dueBy(now.minus(Duration.ofDays(1)), 100)).isEmpty();
    }

    @Test
    void theOldestWaitingOrderIsFoundThroughTheDueIndexNotAScan() {
        assertThat(store.oldestWaitingFulfilledAt()).isEmpty();
        Instant now = Orders.FULFILLED.plus(Duration.ofDays(20));
        for (int i = 0; i < 10; i++) {
            String id = "30" + i;
            Order order = Orders.received(SHOP + i, id, now).toBuilder()
                    .fulfillment(new dev.doorstep.core.model.Fulfillment("f", Orders.FULFILLED.plus(Duration.ofDays(i)),
                            "1Z", "UPS", "US"))
                    .fallbackDeadline(Orders.FULFILLED.plus(Duration.ofDays(60 + i))).build()
                    .moveTo(OrderStatus.CREATING_TRACKING, "trackable", now);
            store.insert(order);
            if (i != 0) { // the oldest stays in CREATING_TRACKING: not waiting for delivery
                Order read = store.find(order.key()).orElseThrow();
                store.update(read, read.moveTo(OrderStatus.WAITING_FOR_DELIVERY, "tracking created", now));
            }
        }

        assertThat(store.oldestWaitingFulfilledAt()).contains(Orders.FULFILLED.plus(Duration.ofDays(1)));
    }

    @Test
    void aWaitingOrderIsDueAtItsFallbackDeadline() {
        Order order = Orders.creatingTracking(SHOP, "1001");
        store.insert(order);
        Order read = store.find(order.key()).orElseThrow();
        store.update(read, read.moveTo(OrderStatus.WAITING_FOR_DELIVERY, "tracked", Instant.now()));

        Instant deadline = Orders.FULFILLED.plus(Duration.ofDays(60));
        assertThat(store.dueBy(deadline.minusNanos(1), 10)).isEmpty();
        assertThat(store.dueBy(deadline, 10)).extracting(Order::key).containsExactly(order.key());
    }

    @Test
    void ordersOfPagesNewestFirst() {
        for (int i = 1; i <= 5; i++) {
            store.insert(Orders.received(SHOP, "100" + i, Orders.FULFILLED.plusSeconds(i)));
        }
        store.insert(Orders.received("other.myshopify.com", "1009", Orders.FULFILLED));
        store.insert(Orders.creatingTracking(SHOP, "1000")); // its FALLBACK entry is not an order

        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Page<Order> page = store.ordersOf(SHOP, cursor, 2);
            page.items().forEach(o -> seen.add(o.key().orderId()));
            cursor = page.nextCursor();
            pages++;
        } while (cursor != null);

        assertThat(seen).containsExactly("1005", "1004", "1003", "1002", "1001", "1000");
        assertThat(pages).isBetween(3, 4);
    }

    @Test
    void anOrderIsScrubbedByTtlAYearAfterItsLastStatusChangeAndEachChangeMovesThat() {
        Order order = Orders.received(SHOP, "3001", Orders.FULFILLED);
        store.insert(order);
        assertThat(Long.parseLong(item("ORDER#3001").get(DoorstepTable.EXPIRES_AT).n()))
                .isEqualTo(Orders.FULFILLED.plus(Duration.ofDays(365)).getEpochSecond());

        Instant sentAt = Orders.FULFILLED.plus(Duration.ofDays(20));
        Order stored = store.find(order.key()).orElseThrow();
        store.update(stored, stored.moveTo(OrderStatus.CANCELLED, "order cancelled", sentAt));

        assertThat(Long.parseLong(item("ORDER#3001").get(DoorstepTable.EXPIRES_AT).n()))
                .isEqualTo(sentAt.plus(Order.RETENTION_AFTER_LAST_STATUS).getEpochSecond())
                .isEqualTo(sentAt.plus(Duration.ofDays(365)).getEpochSecond());
    }

    @Test
    void aCustomersOrdersAreFoundThroughTheCustomerIndexAcrossUpdatesAndRedaction() {
        for (int i = 1; i <= 3; i++) {
            store.insert(Orders.received(SHOP, "200" + i, Orders.FULFILLED));
        }
        Order other = Orders.received(SHOP, "2009", Orders.FULFILLED);
        store.insert(other.toBuilder().customer(new Customer("999", null, "x@example.org", null)).build());
        store.insert(Orders.received("other.myshopify.com", "2010", Orders.FULFILLED)); // same id, another shop
        Order first = store.find(new OrderKey(SHOP, "2001")).orElseThrow();
        store.update(first, first.toBuilder().customer(first.customer().redacted()).build());

        assertThat(store.orderIdsOfCustomer(SHOP, "191167")).containsExactlyInAnyOrder("2001", "2002", "2003");
        assertThat(store.orderIdsOfCustomer(SHOP, "999")).containsExactly("2009");
        assertThat(store.orderIdsOfCustomer(SHOP, "404")).isEmpty();
        // The index answers without a scan of the shop's partition: its key names shop and customer.
        var item = dynamo.getItem(b -> b.tableName(table).key(Keys.order(new OrderKey(SHOP, "2002")))).item();
        assertThat(item.get(DoorstepTable.GSI2_PK).s()).isEqualTo("CUSTOMER#" + SHOP + "#191167");
    }

    @Test
    void theShopifyEventMarkNeverGoesBackAndSurvivesOrderUpdates() {
        OrderKey key = new OrderKey(SHOP, "1001");
        store.markApplied(key, "e0", Instant.parse("2026-03-12T09:00:00Z"));
        assertThat(store.lastApplied(key)).isEmpty(); // no order, no mark

        store.insert(Orders.creatingTracking(SHOP, "1001"));
        store.markApplied(key, "e1", Instant.parse("2026-03-12T09:00:00.5Z"));
        store.markApplied(key, "e0", Instant.parse("2026-03-12T09:00:00Z"));
        Order read = store.find(key).orElseThrow();
        store.update(read, read.toBuilder().trackingId("t").build());

        assertThat(store.lastApplied(key).map(AppliedShopifyEvent::triggeredAt)).contains(Instant.parse("2026-03-12T09:00:00.5Z"));
        assertThat(item("ORDER#1001").get("shopifyEventId").s()).isEqualTo("e1");
    }
}
