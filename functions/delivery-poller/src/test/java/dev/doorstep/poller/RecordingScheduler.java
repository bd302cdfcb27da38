package dev.doorstep.poller;

import dev.doorstep.core.model.OrderKey;
import dev.doorstep.core.port.ReviewRequestScheduler;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The scheduler port as a test seam: one schedule per order, named from it, as the real adapter does. */
final class RecordingScheduler implements ReviewRequestScheduler {

    final Map<OrderKey, Instant> schedules = new ConcurrentHashMap<>();

    @Override
    public void schedule(OrderKey order, Instant sendAt, ZoneId shopZone) {
        schedules.put(order, sendAt);
    }

    @Override
    public void cancel(OrderKey order) {
        schedules.remove(order);
    }
}
