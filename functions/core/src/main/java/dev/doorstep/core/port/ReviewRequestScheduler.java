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

    /** Removes the order's schedule if there is one; no error when there is none. */
    void cancel(OrderKey order);
}
