package dev.doorstep.store;

import dev.doorstep.core.model.OrderKey;
import dev.doorstep.core.port.TrackingIndex;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;

/**
 * The tracking index of docs/table.md: one item per tracking in the shop's partition
 * ({@code SHOP#{shop}} / {@code TRACKING#{trackingId}}) with the string set {@code orderIds} of every order
 * that took it. Adding is one UpdateItem with {@code ADD} (idempotent, no read, no lost update between two
 * orders); looking up is one GetItem. In the shop's partition, so uninstall and redaction remove it with
 * the rest of the shop.
 */
public final class DynamoDbTrackingIndex implements TrackingIndex {

    static final String ORDER_IDS = "orderIds";

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoDbTrackingIndex(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public void add(OrderKey order, String trackingId) {
        dynamo.updateItem(b -> b.tableName(table).key(key(order.shop(), trackingId))
                .updateExpression("ADD #ids :id SET #type = :type")
                .expressionAttributeNames(Map.of("#ids", ORDER_IDS, "#type", DoorstepTable.TYPE))
                .expressionAttributeValues(Map.of(":id", AttributeValue.fromSs(java.util.List.of(order.orderId())),
                        ":type", AttributeValue.fromS(DoorstepTable.TYPE_TRACKING))));
    }

    @Override
    public Set<OrderKey> ordersUsing(String shop, String trackingId) {
        GetItemResponse found = dynamo.getItem(b -> b.tableName(table).key(key(shop, trackingId))
                .projectionExpression("#ids").expressionAttributeNames(Map.of("#ids", ORDER_IDS)));
        if (!found.hasItem() || !found.item().containsKey(ORDER_IDS)) {
            return Set.of();
        }
        return found.item().get(ORDER_IDS).ss().stream().map(id -> new OrderKey(shop, id))
                .collect(Collectors.toUnmodifiableSet());
    }

    private static Map<String, AttributeValue> key(String shop, String trackingId) {
        return Map.of(DoorstepTable.PK, AttributeValue.fromS(Keys.shopPk(shop)),
                DoorstepTable.SK, AttributeValue.fromS(Keys.trackingSk(trackingId)));
    }
}
