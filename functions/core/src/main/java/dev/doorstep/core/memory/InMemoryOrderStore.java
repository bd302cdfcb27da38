package dev.doorstep.core.memory;

import dev.doorstep.core.model.Order;
import dev.doorstep.core.model.OrderKey;
import dev.doorstep.core.port.OrderStore;
import dev.doorstep.core.port.Page;
import dev.doorstep.core.port.StaleOrderException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@link OrderStore} contract in memory, for fast tests of the logic that uses it. Same
 * conditional semantics as the DynamoDB adapter: insert-if-absent, update-if-version-unchanged.
 */
public final class InMemoryOrderStore implements OrderStore {

    private final Map<OrderKey, Order> orders = new ConcurrentHashMap<>();

    @Override
    public boolean insert(Order order) {
        return orders.putIfAbsent(order.key(), order.toBuilder().version(1).build()) == null;
    }

    @Override
    public Optional<Order> find(OrderKey key) {
        return Optional.ofNullable(orders.get(key));
    }

    @Override
    public Order update(Order current, Order next) {
        Order stored = next.toBuilder().version(current.version() + 1).build();
        Order[] result = new Order[1];
        orders.compute(current.key(), (k, existing) -> {
            if (existing == null || existing.version() != current.version()) {
                throw new StaleOrderException(k, current.version());
            }
            result[0] = stored;
            return stored;
        });
        return result[0];
    }

    @Override
    public List<Order> dueBy(Instant now, int limit) {
        return orders.values().stream()
                .filter(o -> o.dueAt().map(due -> !due.isAfter(now)).orElse(false))
                .sorted(Comparator.comparing(o -> o.dueAt().orElseThrow()))
                .limit(limit)
                .toList();
    }

    @Override
    public Optional<Instant> oldestWaitingFulfilledAt() {
        return orders.values().stream()
                .filter(o -> o.status() == dev.doorstep.core.model.OrderStatus.WAITING_FOR_DELIVERY
                        && o.fallbackDeadline() != null)
                .map(o -> o.fulfillment().fulfilledAt()).min(Instant::compareTo);
    }

    @Override
    public Page<Order> ordersOf(String shop, String cursor, int limit) {
        List<Order> all = new ArrayList<>(orders.values().stream().filter(o -> o.key().shop().equals(shop))
                .sorted(Comparator.comparing(Order::receivedAt, Comparator.nullsLast(Comparator.reverseOrder()))
                        .thenComparing(o -> o.key().orderId()))
                .toList());
        int from = cursor == null ? 0 : Integer.parseInt(cursor);
        int to = Math.min(all.size(), from + limit);
        return new Page<>(all.subList(from, to), to < all.size() ? Integer.toString(to) : null);
    }

    @Override
    public void delete(OrderKey key) {
        orders.remove(key);
    }
}
