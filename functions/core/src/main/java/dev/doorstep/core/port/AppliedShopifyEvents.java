package dev.doorstep.core.port;

import dev.doorstep.core.model.Order;
import dev.doorstep.core.model.OrderKey;
import java.time.Instant;
import java.util.Optional;

/**
 * The latest Shopify event applied to each order ({@code X-Shopify-Event-Id} and
 * {@code X-Shopify-Triggered-At}), kept beside the order so that a replay of an older delivery is
 * recognised as stale: Shopify retries with the original payload, and does not keep deliveries in order.
 */
public interface AppliedShopifyEvents {

    /**
     * {@link OrderStore#insert} with the event that brought the order already marked on it, in the same
     * write (no mark when {@code triggeredAt} is null).
     *
     * @return false, and nothing written, when the order already exists
     */
    boolean insertMarked(Order order, String eventId, Instant triggeredAt);

    /** The latest event applied to the order, if any was recorded. */
    Optional<AppliedShopifyEvent> lastApplied(OrderKey order);

    /**
     * Records that the event was applied. Never moves the mark back in time, and does nothing when
     * the order does not exist.
     */
    void markApplied(OrderKey order, String eventId, Instant triggeredAt);
}
