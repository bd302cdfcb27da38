package dev.doorstep.store;

import dev.doorstep.core.model.Order;
import dev.doorstep.core.model.OrderKey;
import dev.doorstep.core.model.OrderStatus;
import dev.doorstep.core.port.AppliedShopifyEvent;
import dev.doorstep.core.port.AppliedShopifyEvents;
import dev.doorstep.core.port.OrderStore;
import dev.doorstep.core.port.Page;
import dev.doorstep.core.port.StaleOrderException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * Orders in the single table (docs/table.md). Inserts are conditional on absence, updates on the
 * version read; the order's FALLBACK entry (whose TTL deletion is the 60-day fallback) is written and
 * removed in the same transaction as the order change that calls for it. A write that touches only
 * the order is a plain conditional PutItem or UpdateItem: half the write units of a transaction.
 *
 * <p>A new order in CREATING_TRACKING gets no FALLBACK entry: the tracking creator's first write
 * (to "Waiting for delivery" or a retry) adds it, and until then the order's own due time
 * ({@link Order#TRACKING_CREATION_GRACE}) is the safety net. So the webhook's insert is one PutItem.
 *
 * <p>Also keeps the latest applied Shopify event on the order item ({@code shopifyEventId},
 * {@code shopifyTriggeredAt}); order updates leave those two attributes alone.
 */
public final class DynamoDbOrderStore implements OrderStore, AppliedShopifyEvents {

    /**
     * While AfterShip has been asked (a tracking, or a retry of one), the fallback entry must exist;
     * outside these states, never. CREATING_TRACKING is covered by its due time instead.
     */
    private static final Set<OrderStatus> FALLBACK_STATES =
            EnumSet.of(OrderStatus.TRACKING_RETRY, OrderStatus.WAITING_FOR_DELIVERY);
    private static final String EVENT_ID = "shopifyEventId";
    private static final String TRIGGERED_AT = "shopifyTriggeredAt";

    private final DynamoDbClient dynamo;
    private final String table;
    private final OrderItemMapper mapper = new OrderItemMapper();

    public DynamoDbOrderStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public boolean insert(Order order) {
        return insert(order, Map.of());
    }

    @Override
    public boolean insertMarked(Order order, String eventId, Instant triggeredAt) {
        return insert(order, triggeredAt == null ? Map.of() : mark(eventId, triggeredAt));
    }

    /**
     * The order item (version 1) and, while the order needs one, its fallback entry: a transaction for
     * the two, a plain conditional PutItem (half the write cost) when there is only the order.
     */
    private boolean insert(Order order, Map<String, AttributeValue> extra) {
        Order first = order.toBuilder().version(1).build();
        Map<String, AttributeValue> item = new HashMap<>(mapper.toItem(first));
        item.putAll(extra);
        if (!needsFallbackEntry(first)) {
            try {
                dynamo.putItem(b -> b.tableName(table).item(item).conditionExpression("attribute_not_exists(pk)"));
                return true;
            } catch (ConditionalCheckFailedException e) {
                return false;
            }
        }
        List<TransactWriteItem> writes = List.of(
                TransactWriteItem.builder().put(p -> p.tableName(table).item(item)
                        .conditionExpression("attribute_not_exists(pk)")).build(),
                putFallback(first));
        try {
            dynamo.transactWriteItems(b -> b.transactItems(writes));
            return true;
        } catch (TransactionCanceledException e) {
            if (firstConditionFailed(e)) {
                return false;
            }
            throw e;
        }
    }

    private static Map<String, AttributeValue> mark(String eventId, Instant triggeredAt) {
        return Map.of(EVENT_ID, eventId == null ? AttributeValue.fromNul(true) : AttributeValue.fromS(eventId),
                TRIGGERED_AT, AttributeValue.fromS(Keys.sortable(triggeredAt)));
    }

    @Override
    public Optional<Order> find(OrderKey key) {
        var item = dynamo.getItem(b -> b.tableName(table).key(Keys.order(key)).consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(mapper.fromItem(item));
    }

    @Override
    public Order update(Order current, Order next) {
        Order stored = next.toBuilder().version(current.version() + 1).build();
        UpdateItemRequest orderWrite = replaceOrder(stored, current.version());
        Optional<TransactWriteItem> fallbackWrite = fallbackChange(current, stored);
        if (fallbackWrite.isEmpty()) {
            try {
                dynamo.updateItem(orderWrite);
                return stored;
            } catch (ConditionalCheckFailedException e) {
                throw new StaleOrderException(current.key(), current.version());
            }
        }
        TransactWriteItem orderInTransaction = TransactWriteItem.builder().update(u -> u.tableName(table)
                .key(orderWrite.key())
                .updateExpression(orderWrite.updateExpression())
                .conditionExpression(orderWrite.conditionExpression())
                .expressionAttributeNames(orderWrite.expressionAttributeNames())
                .expressionAttributeValues(orderWrite.expressionAttributeValues())).build();
        try {
            dynamo.transactWriteItems(b -> b.transactItems(orderInTransaction, fallbackWrite.get()));
            return stored;
        } catch (TransactionCanceledException e) {
            if (firstConditionFailed(e)) {
                throw new StaleOrderException(current.key(), current.version());
            }
            throw e;
        }
    }

    /** The FALLBACK entry's write that goes with moving {@code current} to {@code stored}, if any. */
    private Optional<TransactWriteItem> fallbackChange(Order current, Order stored) {
        if (needsFallbackEntry(stored)) {
            boolean unchanged = needsFallbackEntry(current)
                    && stored.fallbackDeadline().equals(current.fallbackDeadline());
            return unchanged ? Optional.empty() : Optional.of(putFallback(stored));
        }
        return needsFallbackEntry(current)
                ? Optional.of(TransactWriteItem.builder().delete(d -> d.tableName(table)
                        .key(Keys.fallback(current.key()))).build())
                : Optional.empty();
    }

    private static final int OLDEST_WAITING_PAGES = 4;
    private static final int OLDEST_WAITING_PAGE_SIZE = 50;

    @Override
    public List<Order> dueBy(Instant now, int limit) {
        List<Map<String, AttributeValue>> due = new ArrayList<>();
        for (int shard = 0; shard < Keys.DUE_SHARDS; shard++) {
            String partition = "DUE#" + shard;
            QueryResponse page = dynamo.query(b -> b.tableName(table).indexName(DoorstepTable.GSI1)
                    .keyConditionExpression("gsi1pk = :p AND gsi1sk <= :now")
                    .expressionAttributeValues(Map.of(":p", AttributeValue.fromS(partition),
                            ":now", AttributeValue.fromS(Keys.dueBound(now))))
                    .limit(limit));
            due.addAll(page.items());
        }
        return due.stream().sorted(Comparator.comparing(i -> i.get(DoorstepTable.GSI1_SK).s()))
                .limit(limit).map(mapper::fromItem).toList();
    }

    /**
     * A waiting order's due time is its fallback deadline, so in each due shard the first waiting
     * order in due-time order is that shard's longest-waiting one (exactly so when shops share the
     * default fallback days). The sweep has just moved every waiting order past its deadline on, so
     * few other items come before it; a page or two per shard is read, never a scan.
     */
    @Override
    public Optional<Instant> oldestWaitingFulfilledAt() {
        Instant oldest = null;
        for (int shard = 0; shard < Keys.DUE_SHARDS; shard++) {
            String partition = "DUE#" + shard;
            Map<String, AttributeValue> start = null;
            for (int page = 0; page < OLDEST_WAITING_PAGES; page++) {
                Map<String, AttributeValue> from = start;
                QueryResponse response = dynamo.query(b -> b.tableName(table).indexName(DoorstepTable.GSI1)
                        .keyConditionExpression("gsi1pk = :p")
                        .filterExpression("#status = :waiting")
                        .expressionAttributeNames(Map.of("#status", "status"))
                        .expressionAttributeValues(Map.of(":p", AttributeValue.fromS(partition),
                                ":waiting", AttributeValue.fromS(OrderStatus.WAITING_FOR_DELIVERY.name())))
                        .limit(OLDEST_WAITING_PAGE_SIZE).exclusiveStartKey(from));
                if (!response.items().isEmpty()) {
                    Instant first = mapper.fromItem(response.items().getFirst()).fulfillment().fulfilledAt();
                    oldest = oldest == null || first.isBefore(oldest) ? first : oldest;
                    break;
                }
                if (!response.hasLastEvaluatedKey() || response.lastEvaluatedKey().isEmpty()) {
                    break;
                }
                start = response.lastEvaluatedKey();
            }
        }
        return Optional.ofNullable(oldest);
    }

    /** Through the customer index ({@value DoorstepTable#GSI2}), every page of it. */
    @Override
    public List<String> orderIdsOfCustomer(String shop, String customerId) {
        List<String> ids = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            QueryResponse response = dynamo.query(b -> b.tableName(table).indexName(DoorstepTable.GSI2)
                    .keyConditionExpression("gsi2pk = :c")
                    .expressionAttributeValues(Map.of(":c", AttributeValue.fromS(Keys.customer(shop, customerId))))
                    .exclusiveStartKey(from));
            response.items().forEach(i -> ids.add(i.get(DoorstepTable.GSI2_SK).s()));
            start = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                    ? response.lastEvaluatedKey() : null;
        } while (start != null);
        return ids;
    }

    /**
     * Newest first by Shopify order id (ids grow with time; the sort key is {@code ORDER#{id}}, compared
     * as text). The cursor is the last order id of the page.
     */
    @Override
    public Page<Order> ordersOf(String shop, String cursor, int limit) {
        String pk = Keys.shopPk(shop);
        QueryResponse page = dynamo.query(b -> {
            b.tableName(table).consistentRead(true).scanIndexForward(false).limit(limit)
                    .keyConditionExpression("pk = :pk AND begins_with(sk, :order)")
                    .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(pk),
                            ":order", AttributeValue.fromS("ORDER#")));
            if (cursor != null) {
                b.exclusiveStartKey(Keys.order(new OrderKey(shop, cursor)));
            }
        });
        List<Order> orders = page.items().stream().map(mapper::fromItem).toList();
        boolean more = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() && !orders.isEmpty();
        return new Page<>(orders, more ? orders.getLast().key().orderId() : null);
    }

    @Override
    public void delete(OrderKey key) {
        dynamo.transactWriteItems(b -> b.transactItems(
                TransactWriteItem.builder().delete(d -> d.tableName(table).key(Keys.order(key))).build(),
                TransactWriteItem.builder().delete(d -> d.tableName(table).key(Keys.fallback(key))).build()));
    }

    @Override
    public Optional<AppliedShopifyEvent> lastApplied(OrderKey order) {
        var item = dynamo.getItem(b -> b.tableName(table).key(Keys.order(order)).consistentRead(true)
                .projectionExpression(EVENT_ID + ", " + TRIGGERED_AT)).item();
        if (item == null || !item.containsKey(TRIGGERED_AT)) {
            return Optional.empty();
        }
        AttributeValue eventId = item.get(EVENT_ID);
        return Optional.of(new AppliedShopifyEvent(eventId == null || eventId.s() == null ? null : eventId.s(),
                Instant.parse(item.get(TRIGGERED_AT).s())));
    }

    @Override
    public void markApplied(OrderKey order, String eventId, Instant triggeredAt) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":t", AttributeValue.fromS(Keys.sortable(triggeredAt)));
        values.put(":e", eventId == null ? AttributeValue.fromNul(true) : AttributeValue.fromS(eventId));
        try {
            dynamo.updateItem(b -> b.tableName(table).key(Keys.order(order))
                    .updateExpression("SET " + EVENT_ID + " = :e, " + TRIGGERED_AT + " = :t")
                    .conditionExpression("attribute_exists(pk) AND (attribute_not_exists(" + TRIGGERED_AT
                            + ") OR " + TRIGGERED_AT + " <= :t)")
                    .expressionAttributeValues(values));
        } catch (ConditionalCheckFailedException e) {
            // No such order, or a later event is already marked: the mark never goes back.
        }
    }

    /** SET every mapped attribute, REMOVE the mapped ones now empty; the Shopify event mark stays. */
    private UpdateItemRequest replaceOrder(Order order, long expectedVersion) {
        Map<String, AttributeValue> item = mapper.toItem(order);
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        List<String> sets = new ArrayList<>();
        List<String> removes = new ArrayList<>();
        int i = 0;
        for (String attribute : OrderItemMapper.ATTRIBUTES.stream().sorted().toList()) {
            String name = "#a" + i++;
            names.put(name, attribute);
            if (item.containsKey(attribute)) {
                values.put(":" + name.substring(1), item.get(attribute));
                sets.add(name + " = :" + name.substring(1));
            } else {
                removes.add(name);
            }
        }
        names.put("#version", DoorstepTable.VERSION);
        values.put(":expected", AttributeValue.fromN(Long.toString(expectedVersion)));
        String expression = "SET " + String.join(", ", sets) + (removes.isEmpty() ? "" : " REMOVE "
                + String.join(", ", removes));
        return UpdateItemRequest.builder().tableName(table).key(Keys.order(order.key()))
                .updateExpression(expression)
                .conditionExpression("attribute_exists(pk) AND #version = :expected")
                .expressionAttributeNames(names).expressionAttributeValues(values).build();
    }

    private static boolean needsFallbackEntry(Order order) {
        return order.fallbackDeadline() != null && FALLBACK_STATES.contains(order.status());
    }

    private TransactWriteItem putFallback(Order order) {
        Map<String, AttributeValue> item = new HashMap<>(Keys.fallback(order.key()));
        Attributes.put(item, DoorstepTable.TYPE, DoorstepTable.TYPE_FALLBACK);
        Attributes.put(item, "shop", order.key().shop());
        Attributes.put(item, "orderId", order.key().orderId());
        Attributes.put(item, "fallbackDeadline", order.fallbackDeadline());
        Attributes.put(item, DoorstepTable.EXPIRES_AT, Attributes.epochSeconds(order.fallbackDeadline()));
        return TransactWriteItem.builder().put(p -> p.tableName(table).item(item)).build();
    }

    private static boolean firstConditionFailed(TransactionCanceledException e) {
        return e.hasCancellationReasons() && !e.cancellationReasons().isEmpty()
                && "ConditionalCheckFailed".equals(e.cancellationReasons().getFirst().code());
    }
}
