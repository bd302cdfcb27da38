package dev.doorstep.core.port;

import dev.doorstep.core.model.OrderKey;
import java.time.Instant;

/**
 * Wakes one order's due work at a given time (a tracking retry, a fallback deadline), so that what the
 * status promises happens then and not at the next 12-hourly sweep. One wake-up per order, named from the
 * order: setting it again moves it. A wake-up that fires when nothing is due does nothing; the sweep stays
 * the safety net for one that never fires.
 */
public interface OrderWakeUps {

    /** For callers without a wake-up service (tests, tools): the sweep alone keeps the times. */
    OrderWakeUps NONE = (order, at) -> { };

    /** Creates, or moves to {@code at}, the order's wake-up. */
    void wakeAt(OrderKey order, Instant at);
}
