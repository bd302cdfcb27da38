package dev.doorstep.store;

import static dev.doorstep.store.Attributes.instant;
import static dev.doorstep.store.Attributes.map;
import static dev.doorstep.store.Attributes.number;
import static dev.doorstep.store.Attributes.string;

import dev.doorstep.core.intake.BackfillOutcome;
import dev.doorstep.core.model.BackfillOccasion;
import dev.doorstep.core.model.BackfillOffer;
import dev.doorstep.core.model.BackfillState;
import dev.doorstep.core.port.BackfillOffers;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * The shop's backfill offer as one item, {@code SHOP#{shop}} / {@code BACKFILL} (so shop/redact's erase of the
 * partition takes it too), written with a condition on its version.
 */
public final class DynamoDbBackfillOffers implements BackfillOffers {

    static final String SK = "BACKFILL";

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoDbBackfillOffers(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public Optional<BackfillOffer> find(String shop) {
        var item = dynamo.getItem(b -> b.tableName(table).consistentRead(true).key(key(shop))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(fromItem(shop, item));
    }

    @Override
    public Optional<BackfillOffer> put(BackfillOffer next) {
        BackfillOffer stored = next.withVersion(next.version() + 1);
        try {
            dynamo.putItem(b -> {
                b.tableName(table).item(toItem(stored));
                if (next.version() == 0) {
                    b.conditionExpression("attribute_not_exists(pk)");
                } else {
                    b.conditionExpression("version = :v").expressionAttributeValues(
                            Map.of(":v", AttributeValue.fromN(Long.toString(next.version()))));
                }
            });
            return Optional.of(stored);
        } catch (ConditionalCheckFailedException e) {
            return Optional.empty();
        }
    }

    private static Map<String, AttributeValue> key(String shop) {
        return Map.of(DoorstepTable.PK, AttributeValue.fromS(Keys.shopPk(shop)),
                DoorstepTable.SK, AttributeValue.fromS(SK));
    }

    private static Map<String, AttributeValue> toItem(BackfillOffer offer) {
        Map<String, AttributeValue> item = new HashMap<>(key(offer.shop()));
        Attributes.put(item, DoorstepTable.TYPE, DoorstepTable.TYPE_BACKFILL_OFFER);
        Attributes.put(item, "state", offer.state().name());
        Attributes.put(item, "occasion", offer.occasion().name());
        Attributes.put(item, "offeredAt", offer.offeredAt());
        Attributes.put(item, "acceptedAt", offer.acceptedAt());
        Attributes.put(item, "finishedAt", offer.finishedAt());
        Attributes.put(item, "version", offer.version());
        BackfillOutcome o = offer.outcome();
        if (o != null) {
            Map<String, AttributeValue> outcome = new HashMap<>();
            Attributes.put(outcome, "read", o.read());
            Attributes.put(outcome, "tracked", o.tracked());
            Attributes.put(outcome, "scheduled", o.scheduled());
            Attributes.put(outcome, "alreadyKnown", o.alreadyKnown());
            Attributes.put(outcome, "outsideWindow", o.outsideWindow());
            item.put("outcome", AttributeValue.fromM(outcome));
        }
        return item;
    }

    private static BackfillOffer fromItem(String shop, Map<String, AttributeValue> item) {
        Map<String, AttributeValue> o = map(item, "outcome");
        BackfillOutcome outcome = o.isEmpty() ? null : new BackfillOutcome((int) number(o, "read", 0),
                (int) number(o, "tracked", 0), (int) number(o, "scheduled", 0), (int) number(o, "alreadyKnown", 0),
                (int) number(o, "outsideWindow", 0));
        return new BackfillOffer(shop, BackfillState.valueOf(string(item, "state")),
                BackfillOccasion.valueOf(string(item, "occasion")), instant(item, "offeredAt"),
                instant(item, "acceptedAt"), instant(item, "finishedAt"), outcome, number(item, "version", 0));
    }
}
