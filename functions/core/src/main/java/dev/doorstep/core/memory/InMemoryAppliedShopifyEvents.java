package dev.doorstep.core.memory;

import dev.doorstep.core.model.Order;
import dev.doorstep.core.model.OrderKey;
import dev.doorstep.core.port.AppliedShopifyEvent;
import dev.doorstep.core.port.AppliedShopifyEvents;
import dev.doorstep.core.port.OrderStore;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The {@link AppliedShopifyEvents} contract in memory; marks only orders that exist in {@code orders}. */
public final class InMemoryAppliedShopifyEvents implements AppliedShopifyEvents {

    private final OrderStore orders;
    private final Map<OrderKey, AppliedShopifyEvent> marks = new ConcurrentHashMap<>();

    public InMemoryAppliedShopifyEvents(OrderStore orders) {
        this.orders = orders;
    }

    @Override
    public boolean insertMarked(Order order, String eventId, Instant triggeredAt) {
        if (!orders.insert(order)) {
            return false;
        }
        if (triggeredAt != null) {
            markApplied(order.key(), eventId, triggeredAt);
        }
        return true;
    }

    @Override
    public Optional<AppliedShopifyEvent> lastApplied(OrderKey order) {
        return orders.find(order).isPresent() ? Optional.ofNullable(marks.get(order)) : Optional.empty();
    }

    @Override
    public void markApplied(OrderKey order, String eventId, Instant triggeredAt) {
        if (orders.find(order).isPresent()) {
            marks.merge(order, new AppliedShopifyEvent(eventId, triggeredAt),
                    (a, b) -> a.triggeredAt().isAfter(b.triggeredAt()) ? a : b);
        }
    }
}
