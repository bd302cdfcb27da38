package dev.doorstep.store;

import dev.doorstep.core.port.ReceiptLog;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Webhook receipts ({@code RECEIPT#{source}#{id}}), forgotten by TTL. TTL deletion can lag by days,
 * so an expired receipt that is still there counts as forgotten.
 */
public final class DynamoDbReceiptLog implements ReceiptLog {

    private final DynamoDbClient dynamo;
    private final String table;
    private final Clock clock;

    public DynamoDbReceiptLog(DynamoDbClient dynamo, String table, Clock clock) {
        this.dynamo = dynamo;
        this.table = table;
        this.clock = clock;
    }

    public DynamoDbReceiptLog(DynamoDbClient dynamo, String table) {
        this(dynamo, table, Clock.systemUTC());
    }

    @Override
    public boolean firstReceipt(String source, String id, Instant forgetAfter) {
        try {
            dynamo.putItem(b -> b.tableName(table)
                    .item(Map.of(
                            DoorstepTable.PK, AttributeValue.fromS(Keys.receiptPk(source, id)),
                            DoorstepTable.SK, AttributeValue.fromS("RECEIPT"),
                            DoorstepTable.TYPE, AttributeValue.fromS(DoorstepTable.TYPE_RECEIPT),
                            DoorstepTable.EXPIRES_AT, AttributeValue.fromN(Long.toString(forgetAfter.getEpochSecond()))))
                    .conditionExpression("attribute_not_exists(pk) OR expiresAt < :now")
                    .expressionAttributeValues(Map.of(":now", now())));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public boolean alreadyReceived(String source, String id) {
        var item = dynamo.getItem(b -> b.tableName(table).consistentRead(true).key(Map.of(
                DoorstepTable.PK, AttributeValue.fromS(Keys.receiptPk(source, id)),
                DoorstepTable.SK, AttributeValue.fromS("RECEIPT")))).item();
        return item != null && !item.isEmpty()
                && Long.parseLong(item.get(DoorstepTable.EXPIRES_AT).n()) >= clock.instant().getEpochSecond();
    }

    private AttributeValue now() {
        return AttributeValue.fromN(Long.toString(clock.instant().getEpochSecond()));
    }
}
