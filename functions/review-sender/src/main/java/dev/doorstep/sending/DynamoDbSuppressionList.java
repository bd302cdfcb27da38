package dev.doorstep.sending;

import dev.doorstep.core.sending.EmailDigest;
import dev.doorstep.core.sending.Suppression;
import dev.doorstep.core.sending.SuppressionList;
import dev.doorstep.core.sending.SuppressionReason;
import dev.doorstep.store.DoorstepTable;
import dev.doorstep.store.Keys;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Suppressions in the single table (docs/table.md): {@code SHOP#{shop}} / {@code SUPPRESSED#{digest}},
 * type {@code SUPPRESSION}, with the reason and time. No address is stored, only its digest. Living in
 * the shop's partition, they go with the shop on {@code shop/redact}.
 */
public final class DynamoDbSuppressionList implements SuppressionList {

    static final String REASON = "reason";
    static final String SUPPRESSED_AT = "suppressedAt";

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoDbSuppressionList(DynamoDbClient dynamo, String table) {
        this.dynamo = Objects.requireNonNull(dynamo, "dynamo");
        this.table = Objects.requireNonNull(table, "table");
    }

    static String suppressedSk(EmailDigest email) {
        return "SUPPRESSED#" + email.hex();
    }

    @Override
    public void suppress(Suppression s) {
        try {
            dynamo.putItem(b -> b.tableName(table)
                    .item(Map.of(
                            DoorstepTable.PK, AttributeValue.fromS(Keys.shopPk(s.shop())),
                            DoorstepTable.SK, AttributeValue.fromS(suppressedSk(s.email())),
                            DoorstepTable.TYPE, AttributeValue.fromS(DoorstepTable.TYPE_SUPPRESSION),
                            REASON, AttributeValue.fromS(s.reason().name()),
                            SUPPRESSED_AT, AttributeValue.fromS(s.since().toString())))
                    // The first reason stands: a later bounce does not turn "unsubscribed" into "bounced".
                    .conditionExpression("attribute_not_exists(#pk)")
                    .expressionAttributeNames(Map.of("#pk", DoorstepTable.PK)));
        } catch (ConditionalCheckFailedException alreadySuppressed) {
            // Suppressed already: nothing to add.
        }
    }

    @Override
    public Optional<Suppression> find(String shop, EmailDigest email) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).consistentRead(true)
                .key(Map.of(DoorstepTable.PK, AttributeValue.fromS(Keys.shopPk(shop)),
                        DoorstepTable.SK, AttributeValue.fromS(suppressedSk(email))))).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Suppression(shop, email, SuppressionReason.valueOf(item.get(REASON).s()),
                Instant.parse(item.get(SUPPRESSED_AT).s())));
    }

    @Override
    public void forget(String shop, EmailDigest email) {
        dynamo.deleteItem(b -> b.tableName(table).key(Map.of(DoorstepTable.PK, AttributeValue.fromS(Keys.shopPk(shop)),
                DoorstepTable.SK, AttributeValue.fromS(suppressedSk(email)))));
    }
}
