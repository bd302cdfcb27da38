package dev.doorstep.core.delivery;

import dev.doorstep.core.model.Order;
import dev.doorstep.core.model.OrderStatus;
import dev.doorstep.core.model.Shop;
import dev.doorstep.core.planning.ReviewRequestPlanner;
import dev.doorstep.core.port.OrderStore;
import dev.doorstep.core.port.ShopStore;
import dev.doorstep.core.port.StaleOrderException;
import dev.doorstep.core.timing.TimingBasis;
import dev.doorstep.core.timing.TimingPolicy;
import java.time.Instant;
import java.util.Optional;

/**
 * Applies what AfterShip says to an order waiting for delivery; the poll and the webhook share this
 * path. Delivered: time from delivery. Expired: time from the delivery evidence in the checkpoints,
 * else from fulfillment (the seed's rule). Anything else, or an order no longer waiting: nothing.
 * Applying the same report twice changes nothing the second time.
 */
public final class DeliveryUpdates {

    /** What applying a report did, for logs and metrics. */
    public enum Outcome {
        SCHEDULED_ON_DELIVERY,
        SCHEDULED_ON_FULFILLMENT,
        STILL_ON_ITS_WAY,
        NOT_WAITING,
        UNKNOWN_ORDER
    }

    private static final int ATTEMPTS = 3;

    private final OrderStore orders;
    private final ShopStore shops;
    private final TimingPolicy policy;
    private final ReviewRequestPlanner planner;

    public DeliveryUpdates(OrderStore orders, ShopStore shops, TimingPolicy policy, ReviewRequestPlanner planner) {
        this.orders = orders;
        this.shops = shops;
        this.policy = policy;
        this.planner = planner;
    }

    public Outcome apply(DeliveryReport report, Instant now) {
        return apply(report, null, null, now);
    }

    /**
     * The same, starting from the order and shop the caller has just read (the poll reads both
     * anyway), so a delivery costs one read of the order; a write that races re-reads.
     */
    public Outcome apply(DeliveryReport report, Order known, Shop knownShop, Instant now) {
        if (report.state() == TrackingState.ON_ITS_WAY) {
            return Outcome.STILL_ON_ITS_WAY;
        }
        Optional<Order> found = Optional.ofNullable(known);
        Optional<Shop> shop = Optional.ofNullable(knownShop);
        for (int attempt = 1; ; attempt++) {
            if (found.isEmpty() || attempt > 1) {
                found = orders.find(report.order());
            }
            if (shop.isEmpty()) {
                shop = shops.find(report.order().shop());
            }
            if (found.isEmpty() || shop.isEmpty()) {
                return Outcome.UNKNOWN_ORDER;
            }
            Order order = found.get();
            if (order.status() != OrderStatus.WAITING_FOR_DELIVERY) {
                return Outcome.NOT_WAITING;
            }
            TimingBasis basis = report.state() == TrackingState.DELIVERED
                    ? report.deliveryEvidence().<TimingBasis>map(TimingBasis.Delivered::new)
                            .orElse(TimingBasis.delivered(now))
                    : policy.afterExpiry(report.deliveryEvidence());
            if (!order.parcels().isEmpty() && basis instanceof TimingBasis.Delivered d) {
                // Timed on the last parcel: this one arrived; the request waits for the others.
                order = LastParcel.delivered(order, report.trackingId(), d.deliveredAt());
                Optional<Instant> last = LastParcel.allDelivered(order);
                if (last.isEmpty()) {
                    try {
                        orders.update(found.get(), order.withReason(LastParcel.waitingReason(order)));
                        return Outcome.STILL_ON_ITS_WAY;
                    } catch (StaleOrderException raced) {
                        if (attempt == ATTEMPTS) {
                            throw raced;
                        }
                        continue;
                    }
                }
                basis = new TimingBasis.Delivered(last.get());
            }
            try {
                planner.plan(order, shop.get().settings(), basis, now);
                return basis instanceof TimingBasis.Delivered
                        ? Outcome.SCHEDULED_ON_DELIVERY : Outcome.SCHEDULED_ON_FULFILLMENT;
            } catch (StaleOrderException raced) {
                if (attempt == ATTEMPTS) {
                    throw raced;
                }
                // someone else moved the order meanwhile (webhook and poll at once): read again
            }
        }
    }
}
