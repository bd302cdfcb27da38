package dev.doorstep.events;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import dev.doorstep.core.events.DomainEvent;
import dev.doorstep.core.events.DomainEvents;
import dev.doorstep.core.model.Order;
import dev.doorstep.store.DoorstepTable;
import dev.doorstep.store.OrderItemMapper;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One stream record read as "this write changed this order", or why it is not one. The template's
 * filter lets only ORDER inserts and modifications through; this checks again, since a record of
 * any other item must never be taken for an order.
 *
 * @param before the order before the write; empty for an insert
 * @param after the order as written; null when the record is ignored
 */
record OrderChange(Optional<Order> before, Order after, String ignoredBecause) {

    private static final OrderItemMapper MAPPER = new OrderItemMapper();

    /**
     * @throws RuntimeException when an ORDER image cannot be read as an order (a bad item): the
     *     caller reports the record as failed, so it is retried and then parked, never dropped
     */
    static OrderChange read(DynamodbEvent.DynamodbStreamRecord record) {
        String name = record.getEventName();
        if (!"INSERT".equals(name) && !"MODIFY".equals(name)) {
            return ignored("not an insert or a modification (" + name + ")");
        }
        Map<String, AttributeValue> newImage = record.getDynamodb() == null ? null : record.getDynamodb().getNewImage();
        if (newImage == null || !isOrder(newImage)) {
            return ignored("not an ORDER item");
        }
        Map<String, AttributeValue> oldImage = record.getDynamodb().getOldImage();
        Optional<Order> before = "MODIFY".equals(name) && oldImage != null && isOrder(oldImage)
                ? Optional.of(MAPPER.fromStreamImage(oldImage)) : Optional.empty();
        return new OrderChange(before, MAPPER.fromStreamImage(newImage), null);
    }

    boolean ignored() {
        return after == null;
    }

    List<DomainEvent> events() {
        return DomainEvents.between(before, after);
    }

    private static OrderChange ignored(String why) {
        return new OrderChange(Optional.empty(), null, why);
    }

    private static boolean isOrder(Map<String, AttributeValue> image) {
        AttributeValue type = image.get(DoorstepTable.TYPE);
        return type != null && DoorstepTable.TYPE_ORDER.equals(type.getS());
    }
}
