package dev.doorstep.core.port;

import dev.doorstep.core.model.OrderKey;
import java.time.Instant;
import java.time.ZoneId;

/**
 * Carries a review request until its send time. One schedule per order, named from the order, so
 * scheduling twice is harmless and cancelling is one call.
 */
public interface ReviewRequestScheduler {

    /** Creates, or moves to {@code sendAt}, the order's schedule. A time already past sends now. */
    void schedule(OrderKey order, Instant sendAt, ZoneId shopZone);

    /**
     * Arms one more try of a held send ({@code hold}-th hold in a row) at {@code at}. The adapter uses a
     * schedule of its own for it, alternating between two names by {@code hold}, never the schedule that
     * fired this attempt: that one may still be deleting itself after firing, and would take the retry with
     * it. {@link #cancel} leaves these alone: a retry that finds the order no longer waiting does nothing,
     * and it deletes itself after firing.
     */
    default void scheduleHeldRetry(OrderKey order, Instant at, ZoneId shopZone, int hold) {
        schedule(order, at, shopZone);
    }

    /** Removes the order's schedule if there is one; no error when there is none. */
    void cancel(OrderKey order);
}
