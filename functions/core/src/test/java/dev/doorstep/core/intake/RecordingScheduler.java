package dev.doorstep.core.intake;

import dev.doorstep.core.model.OrderKey;
import dev.doorstep.core.port.ReviewRequestScheduler;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** The scheduler port as a test seam: one schedule per order, named from it, as the real adapter does. */
final class RecordingScheduler implements ReviewRequestScheduler {

    final Map<OrderKey, Instant> schedules = new ConcurrentHashMap<>();
    final List<OrderKey> cancels = new CopyOnWriteArrayList<>();

    @Override
    public void schedule(OrderKey order, Instant sendAt, ZoneId shopZone) {
        schedules.put(order, sendAt);
    }

    @Override
    public void cancel(OrderKey order) {
        schedules.remove(order);
        cancels.add(order);
    }
}
