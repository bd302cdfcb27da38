package dev.doorstep.core.intake;

import dev.doorstep.core.model.Order;
import dev.doorstep.core.model.OrderKey;
import dev.doorstep.core.model.OrderStatus;
import dev.doorstep.core.port.AppliedShopifyEvent;
import dev.doorstep.core.port.AppliedShopifyEvents;
import dev.doorstep.core.port.OrderStore;
import dev.doorstep.core.port.ReviewRequestScheduler;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * An order is cancelled ({@code orders/cancelled}) or refunded in full ({@code refunds/create}): its
 * review request must not go out. WooCommerce's lesson: unschedule on every move out of an eligible
 * state, and let the sender re-check the status anyway.
 */
public final class OrderCancellation {

    private final OrderStore orders;
    private final AppliedShopifyEvents events;
    private final ReviewRequestScheduler scheduler;
    private final Clock clock;
    private final OrderChanges changes;

    public OrderCancellation(OrderStore orders, AppliedShopifyEvents events, ReviewRequestScheduler scheduler,
            Clock clock) {
        this.orders = orders;
        this.events = events;
        this.scheduler = scheduler;
        this.clock = clock;
        this.changes = new OrderChanges(orders);
    }

    /**
     * Cancels the order. When we never saw it fulfilled but the cancellation shows a fulfillment
     * ({@code fulfilled}), it is stored already cancelled, so that a fulfillment webhook arriving late
     * cannot bring it back to life.
     */
    public IntakeResult cancel(ShopifyEvent event, OrderKey key, Optional<FulfillmentFact> fulfilled, String why) {
        Instant now = clock.instant();
        if (events.lastApplied(key).map(AppliedShopifyEvent::triggeredAt).filter(event::isOlderThan).isPresent()) {
            return IntakeResult.ignored("stale replay: a later Shopify event was already applied", key.orderId());
        }
        if (orders.find(key).isEmpty()) {
            if (fulfilled.isEmpty()) {
                return IntakeResult.ignored("order not known here (never fulfilled): nothing to cancel", key.orderId());
            }
            FulfillmentFact fact = fulfilled.get();
            orders.insert(Order.received(key, fact.orderNumber(), fact.fulfillment(), fact.customer(),
                    fact.lineItems(), now).moveTo(OrderStatus.CANCELLED, why, now));
        }
        Order order = changes.cancel(key, why, now, scheduler).orElseThrow();
        mark(event, key);
        return IntakeResult.applied("review request " + order.status().label().toLowerCase(java.util.Locale.ROOT)
                + ": " + why, key.orderId());
    }

    /** A refund cancels the request only when it refunds the whole order. */
    public IntakeResult refund(ShopifyEvent event, RefundFact refund) {
        Optional<Order> order = orders.find(refund.key());
        if (order.isEmpty()) {
            return IntakeResult.ignored("order not known here: nothing to cancel", refund.key().orderId());
        }
        if (!refund.refundsWholeOrder(order.get())) {
            return IntakeResult.ignored("partial refund: the review request stays", refund.key().orderId());
        }
        return cancel(event, refund.key(), Optional.empty(), "the order was refunded in full");
    }

    private void mark(ShopifyEvent event, OrderKey key) {
        if (event.triggeredAt() != null) {
            events.markApplied(key, event.eventId(), event.triggeredAt());
        }
    }
}
