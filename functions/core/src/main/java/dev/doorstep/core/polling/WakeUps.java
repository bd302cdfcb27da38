package dev.doorstep.core.polling;

import dev.doorstep.core.delivery.FallbackDeadlines;
import dev.doorstep.core.model.Order;
import dev.doorstep.core.port.OrderWakeUps;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Which orders get a wake-up, and when: the times the status page names that no outside event brings.
 * <ul>
 *   <li>a tracking retry ("one more try at ...", "trying again after ..."): at its time, always;</li>
 *   <li>a fallback deadline while waiting for delivery: only once it is within {@link #LOOKAHEAD}, so a
 *       60-day wait does not hold a schedule for 60 days (most orders are delivered first). The sweep,
 *       every 12 hours, sets the wake-ups of the deadlines before its next run.</li>
 * </ul>
 * TTL (the FALLBACK entry) stays the fallback's driver; the wake-up only makes it punctual.
 */
public final class WakeUps {

    /** Longer than the sweep's 12-hour cycle, so a late sweep still overlaps the next one. */
    public static final Duration LOOKAHEAD = Duration.ofHours(13);

    private final OrderWakeUps port;

    public WakeUps(OrderWakeUps port) {
        this.port = port;
    }

    /** Sets the order's wake-up if it needs one now; harmless when it is already set. */
    public boolean ensure(Order order, Instant now) {
        Optional<Instant> at = timeFor(order, now);
        at.ifPresent(t -> port.wakeAt(order.key(), t));
        return at.isPresent();
    }

    /** When to wake {@code order} up, if a wake-up is wanted as of {@code now}. */
    public static Optional<Instant> timeFor(Order order, Instant now) {
        return switch (order.status()) {
            case TRACKING_RETRY -> Optional.ofNullable(order.trackingRetryAt());
            case WAITING_FOR_DELIVERY -> Optional.ofNullable(order.fallbackDeadline())
                    .filter(deadline -> deadline.isBefore(now.plus(LOOKAHEAD)))
                    .map(deadline -> deadline.minus(FallbackDeadlines.LEAD));
            default -> Optional.empty();
        };
    }
}
