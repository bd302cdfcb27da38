package dev.doorstep.tracking;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import dev.doorstep.core.model.OrderKey;
import dev.doorstep.core.model.OrderStatus;
import dev.doorstep.store.DoorstepTable;
import dev.doorstep.store.OrderItemMapper;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * A stream record that asks for a tracking: an INSERTed order item in CREATING_TRACKING. The template's
 * filter lets only those through; this checks again, so a widened filter cannot make us act on others.
 *
 * @param createdAt when DynamoDB wrote the record (its age decides whether a retry can still come)
 */
record OrderInserted(String sequenceNumber, OrderKey order, Instant createdAt) {

    private static final OrderItemMapper MAPPER = new OrderItemMapper();

    static Optional<OrderInserted> from(DynamodbEvent.DynamodbStreamRecord record) {
        if (!"INSERT".equals(record.getEventName()) || record.getDynamodb() == null) {
            return Optional.empty();
        }
        Map<String, AttributeValue> image = record.getDynamodb().getNewImage();
        if (image == null || !DoorstepTable.TYPE_ORDER.equals(text(image, DoorstepTable.TYPE))
                || !OrderStatus.CREATING_TRACKING.name().equals(text(image, DoorstepTable.STATUS))) {
            return Optional.empty();
        }
        OrderKey key = MAPPER.fromStreamImage(image).key();
        var created = record.getDynamodb().getApproximateCreationDateTime();
        return Optional.of(new OrderInserted(record.getDynamodb().getSequenceNumber(), key,
                created == null ? null : created.toInstant()));
    }

    private static String text(Map<String, AttributeValue> image, String name) {
        AttributeValue v = image.get(name);
        return v == null ? null : v.getS();
    }
}
