package dev.doorstep.core.memory;

import dev.doorstep.core.model.OrderKey;
import dev.doorstep.core.port.TrackingIndex;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** {@link TrackingIndex} in memory, for tests and the local runtime. */
public final class InMemoryTrackingIndex implements TrackingIndex {

    private final Map<String, Set<OrderKey>> byTracking = new ConcurrentHashMap<>();

    @Override
    public void add(OrderKey order, String trackingId) {
        byTracking.computeIfAbsent(order.shop() + "/" + trackingId, k -> ConcurrentHashMap.newKeySet()).add(order);
    }

    @Override
    public Set<OrderKey> ordersUsing(String shop, String trackingId) {
        return Set.copyOf(byTracking.getOrDefault(shop + "/" + trackingId, Set.of()));
    }
}
