package dev.doorstep.core.delivery;

import dev.doorstep.core.model.Order;
import dev.doorstep.core.model.OrderKey;
import dev.doorstep.core.model.OrderStatus;
import dev.doorstep.core.model.Shop;
import dev.doorstep.core.planning.ReviewRequestPlanner;
import dev.doorstep.core.port.OrderStore;
import dev.doorstep.core.port.ShopStore;
import dev.doorstep.core.port.StaleOrderException;
import dev.doorstep.core.timing.TimingBasis;
import java.time.Instant;
import java.util.Optional;

/**
 * The 60-day fallback ("stuck in transit"): an order still waiting for delivery when its fallback
 * deadline passes is scheduled now with reason "fallback". Reached two ways, both through here: the
 * TTL deletion of the order's FALLBACK entry, and the poll's sweep of due orders (TTL can lag by days).
 */
public final class FallbackDeadlines {

    /**
     * How early before its deadline a fallback may be planned: its wake-up comes this much ahead, so the
     * request is scheduled for the deadline itself and goes out then, not a minute after (a time already
     * reached is scheduled one minute out). The timing policy caps the send time at the deadline either way.
     */
    public static final java.time.Duration LEAD = java.time.Duration.ofMinutes(2);

    private final OrderStore orders;
    private final ShopStore shops;
    private final ReviewRequestPlanner planner;

    public FallbackDeadlines(OrderStore orders, ShopStore shops, ReviewRequestPlanner planner) {
        this.orders = orders;
        this.shops = shops;
        this.planner = planner;
    }

    /** @return true if this call scheduled the request; false if there was nothing (more) to do */
    public boolean reached(OrderKey key, Instant now) {
        for (int attempt = 1; attempt <= 3; attempt++) {
            Optional<Order> found = orders.find(key);
            Optional<Shop> shop = shops.find(key.shop());
            if (found.isEmpty() || shop.isEmpty() || !shop.get().settings().fallbackEnabled()) {
                return false; // switched off since the order was recorded: the merchant's latest word wins
            }
            Order order = found.get();
            if (order.status() != OrderStatus.WAITING_FOR_DELIVERY || order.fallbackDeadline() == null
                    || order.fallbackDeadline().isAfter(now.plus(LEAD))) {
                return false;
            }
            try {
                planner.plan(order, shop.get().settings(), TimingBasis.fallbackReached(), now);
                return true;
            } catch (StaleOrderException raced) {
                // moved meanwhile (delivered at the last minute?): look again
            }
        }
        return false;
    }
}
