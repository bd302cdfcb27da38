package dev.doorstep.tracking;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import dev.doorstep.core.model.OrderKey;
import dev.doorstep.core.model.OrderStatus;
import dev.doorstep.core.tracking.CreationOutcome;
import dev.doorstep.core.tracking.TrackingCreation;
import dev.doorstep.store.DoorstepTable;
import dev.doorstep.store.Keys;
import java.time.Clock;
import java.util.Map;

/**
 * The tracking creator's SnapStart priming: a built-in stream record (an INSERTed order in
 * CREATING_TRACKING) read by the handler's own {@link OrderInserted}, then the handler's
 * {@link TrackingCreation#attempt}, whose first step, the order's GetItem, misses and ends it.
 *
 * <p>Why it is safe at deployment time: the order can never exist. Orders are stored only by the
 * Shopify webhook, which takes only {@code *.myshopify.com} shops and integer order ids; this one is
 * neither. So the attempt stops at that one read: no shop lookup, no AfterShip call, no write, no
 * schedule. The outcome is not logged and no metric is counted (that is the handler's part).
 */
final class TrackingCreatorPriming {

    static final OrderKey ORDER = new OrderKey("doorstep-snapstart-priming.invalid", "PRIMING");

    private TrackingCreatorPriming() {
    }

    static CreationOutcome prime(TrackingCreation creation, Clock clock) {
        OrderInserted inserted = OrderInserted.from(record()).orElseThrow();
        return creation.attempt(inserted.order(), clock.instant(), true);
    }

    /** What the table's stream would hand over for the order, as the events library models it. */
    static DynamodbEvent.DynamodbStreamRecord record() {
        Map<String, AttributeValue> image = Map.of(
                DoorstepTable.PK, s(Keys.shopPk(ORDER.shop())), DoorstepTable.SK, s(Keys.orderSk(ORDER.orderId())),
                DoorstepTable.TYPE, s(DoorstepTable.TYPE_ORDER), "shop", s(ORDER.shop()), "orderId", s(ORDER.orderId()),
                DoorstepTable.STATUS, s(OrderStatus.CREATING_TRACKING.name()),
                DoorstepTable.VERSION, new AttributeValue().withN("1"),
                "fulfillment", new AttributeValue().withM(Map.of("fulfilledAt", s("2026-01-01T00:00:00Z"),
                        "trackingNumber", s("1ZPRIMING"), "carrier", s("UPS"), "destinationCountry", s("US"))));
        DynamodbEvent.DynamodbStreamRecord record = new DynamodbEvent.DynamodbStreamRecord();
        record.setEventName("INSERT");
        record.setDynamodb(new StreamRecord().withNewImage(image).withSequenceNumber("0"));
        return record;
    }

    private static AttributeValue s(String value) {
        return new AttributeValue().withS(value);
    }
}
