package dev.doorstep.core.port;

import dev.doorstep.core.model.OrderKey;
import java.util.Set;

/**
 * Which of a shop's orders use an AfterShip tracking. A tracking's own {@code order_id} names at most one
 * order, and not even that when someone else created it (AfterShip's Shopify app importing fulfillments)
 * or when two orders ship under one number (AfterShip answers "already exists" and both take the one
 * tracking). So every order that takes a tracking is added here, and a changed tracking is mapped through
 * this as well as through its {@code order_id}: one read per changed tracking.
 */
public interface TrackingIndex {

    /** For callers that keep no index: only the tracking's own {@code order_id} maps it. */
    TrackingIndex NONE = new TrackingIndex() {
        @Override
        public void add(OrderKey order, String trackingId) {
        }

        @Override
        public Set<OrderKey> ordersUsing(String shop, String trackingId) {
            return Set.of();
        }
    };

    /** Records that {@code order} uses the tracking; adding it again changes nothing. */
    void add(OrderKey order, String trackingId);

    /** Every order of {@code shop} recorded as using the tracking; empty when none. */
    Set<OrderKey> ordersUsing(String shop, String trackingId);
}
