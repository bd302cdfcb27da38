package dev.doorstep.reliability;

import dev.doorstep.core.model.OrderKey;
import dev.doorstep.core.port.ReviewRequestScheduler;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Remembers the schedules asked for, and how many calls were made, where a test needs no real Scheduler. */
final class CountingScheduler implements ReviewRequestScheduler {

    final Map<OrderKey, Instant> schedules = new ConcurrentHashMap<>();
    final AtomicInteger calls = new AtomicInteger();

    @Override
    public void schedule(OrderKey order, Instant sendAt, ZoneId shopZone) {
        calls.incrementAndGet();
        schedules.put(order, sendAt);
    }

    @Override
    public void cancel(OrderKey order) {
        calls.incrementAndGet();
        schedules.remove(order);
    }
}
