package dev.doorstep.webhook.shopify;

import dev.doorstep.core.model.OrderKey;
import dev.doorstep.core.port.ReviewRequestScheduler;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The scheduler port as a unit seam (functions/scheduling owns the EventBridge adapter and its
 * over-the-wire tests): one schedule per order, as the real one keeps.
 */
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
