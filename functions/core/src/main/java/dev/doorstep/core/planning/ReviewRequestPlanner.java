package dev.doorstep.core.planning;

import dev.doorstep.core.model.Order;
import dev.doorstep.core.model.OrderStatus;
import dev.doorstep.core.model.ShopSettings;
import dev.doorstep.core.port.OrderStore;
import dev.doorstep.core.port.ReviewRequestScheduler;
import dev.doorstep.core.timing.SendDecision;
import dev.doorstep.core.timing.TimingBasis;
import dev.doorstep.core.timing.TimingPolicy;
import java.time.Instant;

/**
 * The one way an order becomes "Will send": decide the time with {@link TimingPolicy}, move it into
 * the shop's send window, record it on the order, then hand it to the scheduler.
 *
 * <p>The order is written first and the schedule second. A crash between the two leaves a
 * SCHEDULED order without a schedule; {@link Order#dueAt()} makes such an order due shortly after
 * its send time, so the periodic sweep finds it and calls {@link #ensureScheduled} (scheduling is
 * idempotent by name). The other order — schedule first — could fire a send for an order the store
 * does not yet show as SCHEDULED.
 */
public final class ReviewRequestPlanner {

    private final TimingPolicy policy;
    private final OrderStore orders;
    private final ReviewRequestScheduler scheduler;

    public ReviewRequestPlanner(TimingPolicy policy, OrderStore orders, ReviewRequestScheduler scheduler) {
        this.policy = policy;
        this.orders = orders;
        this.scheduler = scheduler;
    }

    /**
     * Schedules {@code current} (as read from the store) on {@code basis}.
     *
     * @return the order as stored, SCHEDULED
     * @throws dev.doorstep.core.port.StaleOrderException if the order changed since it was read
     */
    public Order plan(Order current, ShopSettings settings, TimingBasis basis, Instant now) {
        Order next = decide(current, settings, basis, now);
        Order stored = orders.update(current, next);
        ensureScheduled(stored, settings);
        return stored;
    }

    /**
     * The SCHEDULED copy of {@code order} on {@code basis}, not yet stored: for callers that write
     * it themselves (a first insert), followed by {@link #ensureScheduled}.
     */
    public Order decide(Order order, ShopSettings settings, TimingBasis basis, Instant now) {
        // the initial fulfillment, or the last parcel's for an order timed on its last parcel
        SendDecision decision = inWindow(notBefore(policy.decide(settings, order.timingFulfillment(), basis, now),
                order), settings);
        Order.Builder next = order.toBuilder();
        if (basis instanceof TimingBasis.Delivered delivered) {
            next.deliveredAt(delivered.deliveredAt());
        }
        return next.build().schedule(decision, now);
    }

    /** Makes sure the scheduler carries a SCHEDULED order's request; harmless when it already does. */
    public void ensureScheduled(Order order, ShopSettings settings) {
        if (order.status() != OrderStatus.SCHEDULED || order.sendAt() == null) {
            throw new IllegalStateException("order " + order.key() + " is " + order.status() + ", not scheduled");
        }
        scheduler.schedule(order.key(), order.sendAt(), settings.timeZone());
    }

    /** A backfilled order keeps the slot the backfill gave it, so old deliveries do not all go out at once. */
    private static SendDecision notBefore(SendDecision decision, Order order) {
        Instant earliest = order.sendNotBefore();
        if (earliest == null || !decision.sendAt().isBefore(earliest)) {
            return decision;
        }
        return new SendDecision(earliest, decision.reason(), decision.ruleTime(), false, decision.explanation()
                + "; the backfill spreads its requests over the send window, so not before " + earliest);
    }

    private static SendDecision inWindow(SendDecision decision, ShopSettings settings) {
        if (settings.sendWindow() == null) {
            return decision;
        }
        Instant moved = settings.sendWindow().moveIntoWindow(decision.sendAt(), settings.timeZone());
        if (moved.equals(decision.sendAt())) {
            return decision;
        }
        return new SendDecision(moved, decision.reason(), decision.ruleTime(), decision.sendNow(),
                decision.explanation() + "; moved into the shop's send window " + settings.sendWindow());
    }
}
