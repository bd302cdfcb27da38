package dev.doorstep.core.events;

import dev.doorstep.core.model.OrderKey;
import java.time.Instant;
import java.util.Objects;

/**
 * What every domain event says about itself.
 *
 * @param eventId the same for the same fact however often it is published (a stream retry publishes
 *     again, and EventBridge does not dedupe): consumers dedupe on it
 * @param sequence grows with each fact of one order (gaps are normal): consumers order an order's
 *     events by it, since EventBridge does not promise delivery order
 * @param occurredAt when it happened (the recorded status change), not when it was published
 */
public record EventHeader(String eventId, OrderKey order, String orderNumber, long sequence, Instant occurredAt) {

    public EventHeader {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(order, "order");
        Objects.requireNonNull(occurredAt, "occurredAt");
    }
}
