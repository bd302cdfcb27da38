package dev.doorstep.core.memory;

import dev.doorstep.core.model.OrderKey;
import dev.doorstep.core.port.ReviewRequestScheduler;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The {@link ReviewRequestScheduler} contract in memory, for fast tests: one schedule per order (a
 * second request moves it, as the EventBridge adapter does), and a record of cancellations.
 */
public final class InMemoryReviewRequestScheduler implements ReviewRequestScheduler {

    private final Map<OrderKey, Instant> schedules = new ConcurrentHashMap<>();
    private final List<OrderKey> cancels = new CopyOnWriteArrayList<>();
    private final Map<OrderKey, Instant> heldRetries = new ConcurrentHashMap<>();

    @Override
    public void schedule(OrderKey order, Instant sendAt, ZoneId shopZone) {
        schedules.put(order, sendAt);
    }

    @Override
    public void scheduleHeldRetry(OrderKey order, Instant at, ZoneId shopZone, int hold) {
        heldRetries.put(order, at);
    }

    @Override
    public void cancel(OrderKey order) {
        schedules.remove(order);
        cancels.add(order);
    }

    /** The schedules that exist now, by order, with their send times. */
    public Map<OrderKey, Instant> schedules() {
        return schedules;
    }

    /** The latest retry armed for each held order (apart from its schedule, as the EventBridge adapter does). */
    public Map<OrderKey, Instant> heldRetries() {
        return heldRetries;
    }

    /** Every cancellation asked for, in order, including ones of orders that had no schedule. */
    public List<OrderKey> cancels() {
        return cancels;
    }
}
