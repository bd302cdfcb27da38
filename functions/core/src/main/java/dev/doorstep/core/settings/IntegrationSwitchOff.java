package dev.doorstep.core.settings;

import dev.doorstep.core.model.Order;
import dev.doorstep.core.model.OrderStatus;
import dev.doorstep.core.model.ShopSettings;
import dev.doorstep.core.planning.ReviewRequestPlanner;
import dev.doorstep.core.port.OrderStore;
import dev.doorstep.core.port.Page;
import dev.doorstep.core.port.StaleOrderException;
import dev.doorstep.core.timing.FulfillmentTimingCause;
import dev.doorstep.core.timing.TimingBasis;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Switching the AfterShip integration off. The seed's app leaves every order that waits for delivery
 * stranded ("you will have to send all currently not scheduled review requests manually"); here each
 * one is timed from its fulfillment at once, so nothing waits for news that will never come.
 *
 * <p>Orders still creating their tracking are moved too: the tracking creator re-reads before it
 * writes, finds the order scheduled and leaves it alone. Running this twice is harmless: a moved order
 * no longer waits.
 */
public final class IntegrationSwitchOff {

    /** Statuses in which an order waits on AfterShip. */
    public static final Set<OrderStatus> WAITING_ON_AFTERSHIP = EnumSet.of(OrderStatus.CREATING_TRACKING,
            OrderStatus.TRACKING_RETRY, OrderStatus.WAITING_FOR_DELIVERY);
    private static final int PAGE_SIZE = 100;
    private static final int WRITE_TRIES = 5;
    private static final TimingBasis SWITCHED_OFF =
            new TimingBasis.FromFulfillment(FulfillmentTimingCause.INTEGRATION_DISABLED);

    private final OrderStore orders;
    private final ReviewRequestPlanner planner;

    public IntegrationSwitchOff(OrderStore orders, ReviewRequestPlanner planner) {
        this.orders = orders;
        this.planner = planner;
    }

    /**
     * Moves every order of the shop that waits on AfterShip to fulfillment timing ("Will send").
     *
     * @param settings the shop's settings as saved, integration off
     * @return how many orders were moved
     */
    public int moveWaitingOrders(ShopSettings settings, Instant now) {
        if (settings.aftershipEnabled()) {
            throw new IllegalArgumentException("the AfterShip integration of " + settings.shop() + " is still on");
        }
        int moved = 0;
        String cursor = null;
        do {
            Page<Order> page = orders.ordersOf(settings.shop(), cursor, PAGE_SIZE);
            for (Order order : page.items()) {
                if (WAITING_ON_AFTERSHIP.contains(order.status()) && moveOne(order, settings, now)) {
                    moved++;
                }
            }
            cursor = page.nextCursor();
        } while (cursor != null);
        return moved;
    }

    private boolean moveOne(Order read, ShopSettings settings, Instant now) {
        Order current = read;
        for (int i = 0; i < WRITE_TRIES; i++) {
            try {
                planner.plan(current, settings, SWITCHED_OFF, now);
                return true;
            } catch (StaleOrderException e) {
                // moved meanwhile (delivered, cancelled, tracking written): look again
                Optional<Order> fresh = orders.find(current.key());
                if (fresh.isEmpty() || !WAITING_ON_AFTERSHIP.contains(fresh.get().status())) {
                    return false;
                }
                current = fresh.get();
            }
        }
        throw new StaleOrderException(read.key(), read.version());
    }
}
