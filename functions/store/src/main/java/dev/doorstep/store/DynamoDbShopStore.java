package dev.doorstep.store;

import dev.doorstep.core.model.Shop;
import dev.doorstep.core.port.ShopStore;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Shops in the single table. An installed shop with AfterShip on carries {@code gsi1pk = TRACKED_SHOPS},
 * which is how the delivery poll finds the shops to visit without a scan.
 */
public final class DynamoDbShopStore implements ShopStore {

    private static final int BATCH = 25;

    private final DynamoDbClient dynamo;
    private final String table;
    private final ShopItemMapper mapper = new ShopItemMapper();

    public DynamoDbShopStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public Optional<Shop> find(String shop) {
        var item = dynamo.getItem(b -> b.tableName(table).consistentRead(true).key(Map.of(
                DoorstepTable.PK, AttributeValue.fromS(Keys.shopPk(shop)),
                DoorstepTable.SK, AttributeValue.fromS("SHOP")))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(mapper.fromItem(item));
    }

    @Override
    public void save(Shop shop) {
        dynamo.putItem(b -> b.tableName(table).item(mapper.toItem(shop)));
    }

    @Override
    public List<String> shopsWithDeliveryTracking() {
        List<String> shops = new ArrayList<>();
        dynamo.queryPaginator(b -> b.tableName(table).indexName(DoorstepTable.GSI1)
                .keyConditionExpression("gsi1pk = :p")
                .expressionAttributeValues(Map.of(":p", AttributeValue.fromS(Keys.TRACKED_SHOPS))))
                .items().forEach(item -> shops.add(item.get(DoorstepTable.GSI1_SK).s()));
        return shops;
    }

    @Override
    public boolean recordPoll(String shop, Instant polledAt) {
        return setForward(shop, "lastPolledAt", polledAt);
    }

    @Override
    public void recordAfterShipWebhook(String shop, Instant at) {
        setForward(shop, "lastAfterShipWebhookAt", at); // false: gone, or a later arrival is already there
    }

    /**
     * One UpdateItem of {@code attribute} alone, only forward and never on an erased shop. Whole
     * seconds, so the ISO strings compare as the instants do and "only forward" can be a condition.
     */
    private boolean setForward(String shop, String attribute, Instant at) {
        String seconds = at.truncatedTo(ChronoUnit.SECONDS).toString();
        try {
            dynamo.updateItem(b -> b.tableName(table).key(Map.of(
                            DoorstepTable.PK, AttributeValue.fromS(Keys.shopPk(shop)),
                            DoorstepTable.SK, AttributeValue.fromS("SHOP")))
                    .updateExpression("SET #a = :t")
                    .conditionExpression("attribute_exists(pk) AND (attribute_not_exists(#a) OR #a < :t)")
                    .expressionAttributeNames(Map.of("#a", attribute))
                    .expressionAttributeValues(Map.of(":t", AttributeValue.fromS(seconds))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    /** One Query over the shop's partition (everything of a shop shares it), deleted in batches of 25. */
    @Override
    public void erase(String shop) {
        List<WriteRequest> deletes = new ArrayList<>();
        dynamo.queryPaginator(b -> b.tableName(table).consistentRead(true)
                .keyConditionExpression("pk = :pk")
                .projectionExpression("pk, sk")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(Keys.shopPk(shop)))))
                .items().forEach(key -> deletes.add(WriteRequest.builder().deleteRequest(d -> d.key(key)).build()));
        for (int from = 0; from < deletes.size(); from += BATCH) {
            Map<String, List<WriteRequest>> batch =
                    Map.of(table, deletes.subList(from, Math.min(deletes.size(), from + BATCH)));
            while (!batch.isEmpty()) {
                Map<String, List<WriteRequest>> request = batch;
                batch = dynamo.batchWriteItem(b -> b.requestItems(request)).unprocessedItems();
            }
        }
    }
}
