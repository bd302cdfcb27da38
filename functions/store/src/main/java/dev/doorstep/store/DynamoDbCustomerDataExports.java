package dev.doorstep.store;

import dev.doorstep.core.intake.CustomerDataExport;
import dev.doorstep.core.port.CustomerDataExports;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Customer data exports in the shop's partition (docs/table.md): {@code SHOP#{shop}} /
 * {@code DATA_EXPORT#{requestedAt}#{customerId}}, the orders as the order items' own maps, gone by TTL
 * {@link CustomerDataExport#KEPT_FOR} after the request (and with the shop on {@code shop/redact}).
 */
public final class DynamoDbCustomerDataExports implements CustomerDataExports {

    private static final String PREFIX = "DATA_EXPORT#";

    private final DynamoDbClient dynamo;
    private final String table;
    private final Clock clock;
    private final OrderItemMapper mapper = new OrderItemMapper();

    public DynamoDbCustomerDataExports(DynamoDbClient dynamo, String table, Clock clock) {
        this.dynamo = Objects.requireNonNull(dynamo, "dynamo");
        this.table = Objects.requireNonNull(table, "table");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public void save(CustomerDataExport export) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(DoorstepTable.PK, AttributeValue.fromS(Keys.shopPk(export.shop())));
        item.put(DoorstepTable.SK, AttributeValue.fromS(PREFIX + Keys.sortable(export.requestedAt()) + "#"
                + (export.customerId() == null ? "-" : export.customerId())));
        item.put(DoorstepTable.TYPE, AttributeValue.fromS(DoorstepTable.TYPE_DATA_EXPORT));
        item.put("shop", AttributeValue.fromS(export.shop()));
        if (export.customerId() != null) {
            item.put("customerId", AttributeValue.fromS(export.customerId()));
        }
        item.put("requestedAt", AttributeValue.fromS(export.requestedAt().toString()));
        item.put("orders", AttributeValue.fromL(export.orders().stream()
                .map(o -> AttributeValue.fromM(mapper.toItem(o))).toList()));
        Attributes.put(item, DoorstepTable.EXPIRES_AT,
                Attributes.epochSeconds(export.requestedAt().plus(CustomerDataExport.KEPT_FOR)));
        dynamo.putItem(b -> b.tableName(table).item(item));
    }

    @Override
    public List<CustomerDataExport> of(String shop) {
        List<CustomerDataExport> exports = new ArrayList<>();
        long now = clock.instant().getEpochSecond();
        dynamo.queryPaginator(b -> b.tableName(table).consistentRead(true).scanIndexForward(false)
                        .keyConditionExpression("pk = :pk AND begins_with(sk, :prefix)")
                        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(Keys.shopPk(shop)),
                                ":prefix", AttributeValue.fromS(PREFIX))))
                .items().forEach(item -> {
                    // TTL deletes lag by days: an export past its time is gone for the merchant already.
                    if (Long.parseLong(item.get(DoorstepTable.EXPIRES_AT).n()) > now) {
                        exports.add(new CustomerDataExport(shop, Attributes.string(item, "customerId"),
                                Instant.parse(item.get("requestedAt").s()), item.get("orders").l().stream()
                                        .map(o -> mapper.fromItem(o.m())).toList()));
                    }
                });
        return exports;
    }
}
