package dev.doorstep.sending;

import dev.doorstep.core.model.OrderKey;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * What a schedule hands the sender: {@code {"shop":"...","orderId":"...","sendAt":"..."}}
 * (written by {@code EventBridgeReviewScheduler}). {@code sendAt} is informational; the order's own
 * send time decides.
 */
record ScheduledSend(OrderKey order, Instant sendAt) {

    /** @throws IllegalArgumentException naming what is missing or wrong */
    static ScheduledSend from(Map<String, ?> input) {
        if (input == null) {
            throw new IllegalArgumentException("no input: expected {\"shop\",\"orderId\",\"sendAt\"}");
        }
        String shop = text(input, "shop");
        String orderId = text(input, "orderId");
        Object sendAt = input.get("sendAt");
        try {
            return new ScheduledSend(new OrderKey(shop, orderId),
                    sendAt == null ? null : Instant.parse(sendAt.toString()));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("sendAt is not an ISO-8601 instant: " + sendAt);
        }
    }

    private static String text(Map<String, ?> input, String field) {
        Object value = input.get(field);
        if (value == null || value.toString().isBlank()) {
            throw new IllegalArgumentException("the scheduled send has no " + field
                    + ": expected {\"shop\",\"orderId\",\"sendAt\"}");
        }
        return value.toString();
    }
}
