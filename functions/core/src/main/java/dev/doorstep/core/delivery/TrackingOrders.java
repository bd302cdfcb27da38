package dev.doorstep.core.delivery;

import dev.doorstep.core.model.Order;
import dev.doorstep.core.model.OrderKey;
import dev.doorstep.core.port.OrderStore;
import dev.doorstep.core.port.TrackingIndex;
import dev.doorstep.core.tracking.TrackedShipment;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The shop's orders a changed AfterShip tracking is about, for the poll and the webhook alike: those the
 * {@link TrackingIndex} lists for its tracking id, and the order its own {@code order_id} names. An order
 * counts only while its tracking is this one (the seed times on the initial fulfillment's tracking; an order
 * timed on its last parcel also counts its later parcels' trackings); the
 * order named by {@code order_id} also counts when it has no tracking yet (stored by an earlier version).
 * Costs one index read plus one read per order found.
 */
public final class TrackingOrders {

    private final OrderStore orders;
    private final TrackingIndex index;

    public TrackingOrders(OrderStore orders, TrackingIndex index) {
        this.orders = orders;
        this.index = index;
    }

    /**
     * @param ownOrderId the tracking's {@code order_id} when the caller trusts it as a key, else null
     */
    public List<Order> of(String shop, TrackedShipment tracking, String ownOrderId) {
        Set<OrderKey> candidates = new LinkedHashSet<>(index.ordersUsing(shop, tracking.trackingId()));
        OrderKey named = ownOrderId == null || ownOrderId.isBlank() ? null : new OrderKey(shop, ownOrderId);
        if (named != null) {
            candidates.add(named);
        }
        List<Order> found = new ArrayList<>();
        for (OrderKey key : candidates) {
            Optional<Order> order = orders.find(key);
            if (order.isEmpty()) {
                continue;
            }
            // the initial fulfillment's tracking, or a later parcel's (an order timed on its last parcel)
            if (order.get().tracks(tracking.trackingId()) || (order.get().trackingId() == null && key.equals(named))) {
                found.add(order.get());
            }
        }
        return found;
    }
}
