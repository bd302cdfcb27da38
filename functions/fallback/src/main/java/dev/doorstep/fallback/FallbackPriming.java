package dev.doorstep.fallback;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.Identity;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import dev.doorstep.core.delivery.FallbackDeadlines;
import dev.doorstep.core.model.OrderKey;
import dev.doorstep.store.DoorstepTable;
import dev.doorstep.store.Keys;
import java.time.Clock;
import java.util.Map;

/**
 * The fallback's SnapStart priming: a built-in stream record of DynamoDB's TTL deleting an order's
 * FALLBACK entry, read by the handler's own {@link FallbackEntryExpiry}, then the handler's
 * {@link FallbackDeadlines#reached} for that order, whose reads (the order, the shop) both miss.
 *
 * <p>Why it is safe at deployment time: the order and its shop can never exist. Orders are stored only
 * by the Shopify webhook and shops only by it and the shop API, which take only {@code *.myshopify.com}
 * shops and integer order ids; this is neither. So {@code reached} answers false after its reads: no
 * write, no schedule. Nothing is logged and no metric is counted (that is the handler's part).
 */
final class FallbackPriming {

    static final OrderKey ORDER = new OrderKey("doorstep-snapstart-priming.invalid", "PRIMING");

    private FallbackPriming() {
    }

    static boolean prime(FallbackDeadlines fallbacks, Clock clock) {
        return fallbacks.reached(FallbackEntryExpiry.read(record()).order(), clock.instant());
    }

    /** What the table's stream would hand over for the TTL deletion, as the events library models it. */
    static DynamodbEvent.DynamodbStreamRecord record() {
        Map<String, AttributeValue> entry = Map.of(
                DoorstepTable.PK, s(Keys.shopPk(ORDER.shop())), DoorstepTable.SK, s(Keys.fallbackSk(ORDER.orderId())),
                DoorstepTable.TYPE, s(DoorstepTable.TYPE_FALLBACK), "shop", s(ORDER.shop()),
                "orderId", s(ORDER.orderId()), "fallbackDeadline", s("2026-01-01T00:00:00Z"));
        DynamodbEvent.DynamodbStreamRecord record = new DynamodbEvent.DynamodbStreamRecord();
        record.setEventName("REMOVE");
        record.setUserIdentity(new Identity().withType("Service").withPrincipalId(FallbackEntryExpiry.TTL_PRINCIPAL));
        record.setDynamodb(new StreamRecord().withOldImage(entry).withSequenceNumber("0"));
        return record;
    }

    private static AttributeValue s(String value) {
        return new AttributeValue().withS(value);
    }
}
