package dev.doorstep.bench;

import dev.doorstep.core.model.OrderKey;
import dev.doorstep.core.port.ReviewRequestScheduler;
import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicLong;

/** Counts the schedules the poll would create; the poll's cost is AfterShip and the table, not this. */
final class CountingScheduler implements ReviewRequestScheduler {

    final AtomicLong scheduled = new AtomicLong();

    @Override
    public void schedule(OrderKey order, Instant sendAt, ZoneId shopZone) {
        scheduled.incrementAndGet();
    }

    @Override
    public void cancel(OrderKey order) {
    }
}
