package dev.doorstep.local;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The local runtime's clock: starts at the real time and only moves when told to, so that
 * twelve-hour polls, TTL expiry and schedules can be watched in seconds. Every function the runtime
 * hosts reads time from it.
 */
public final class LocalClock extends Clock {

    private final AtomicReference<Instant> now;

    public LocalClock(Instant start) {
        this.now = new AtomicReference<>(start);
    }

    @Override
    public Instant instant() {
        return now.get();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the local clock is UTC");
    }

    /** Moves to {@code to}; time never goes backwards. */
    public void moveTo(Instant to) {
        now.accumulateAndGet(to, (current, next) -> next.isAfter(current) ? next : current);
    }

    public void advance(Duration by) {
        if (by.isNegative()) {
            throw new IllegalArgumentException("the clock only moves forward, got " + by);
        }
        now.updateAndGet(current -> current.plus(by));
    }
}
