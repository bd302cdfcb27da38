package dev.doorstep.core.port;

import java.time.Instant;

/**
 * The latest Shopify event applied to an order, as kept beside it.
 *
 * @param eventId {@code X-Shopify-Event-Id}, null when the delivery carried none
 * @param triggeredAt {@code X-Shopify-Triggered-At}
 */
public record AppliedShopifyEvent(String eventId, Instant triggeredAt) {

    /** Whether a delivery with this event id is this very event again (a retry or a duplicate). */
    public boolean isSameEvent(String otherEventId) {
        return eventId != null && eventId.equals(otherEventId);
    }
}
