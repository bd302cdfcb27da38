package dev.doorstep.bench;

import dev.doorstep.core.model.Order;
import dev.doorstep.core.model.OrderKey;
import dev.doorstep.core.port.OrderStore;
import dev.doorstep.core.port.Page;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/** An order store that counts what a DynamoDB table would be asked for: reads, items read, writes. */
final class CountingOrderStore implements OrderStore {

    private final OrderStore delegate;
    final AtomicLong gets = new AtomicLong();
    final AtomicLong queries = new AtomicLong();
    final AtomicLong itemsRead = new AtomicLong();
    final AtomicLong writes = new AtomicLong();

    CountingOrderStore(OrderStore delegate) {
        this.delegate = delegate;
    }

    void reset() {
        gets.set(0);
        queries.set(0);
        itemsRead.set(0);
        writes.set(0);
    }

    @Override
    public boolean insert(Order order) {
        writes.incrementAndGet();
        return delegate.insert(order);
    }

    @Override
    public Optional<Order> find(OrderKey key) {
        gets.incrementAndGet();
        Optional<Order> found = delegate.find(key);
        found.ifPresent(o -> itemsRead.incrementAndGet());
        return found;
    }

    @Override
    public Order update(Order current, Order next) {
        writes.incrementAndGet();
        return delegate.update(current, next);
    }

    @Override
    public java.util.Optional<java.time.Instant> oldestWaitingFulfilledAt() {
        return delegate.oldestWaitingFulfilledAt();
    }

    @Override
    public List<Order> dueBy(Instant now, int limit) {
        queries.incrementAndGet();
        List<Order> due = delegate.dueBy(now, limit);
        itemsRead.addAndGet(due.size());
        return due;
    }

    @Override
    public Page<Order> ordersOf(String shop, String cursor, int limit) {
        queries.incrementAndGet();
        Page<Order> page = delegate.ordersOf(shop, cursor, limit);
        itemsRead.addAndGet(page.items().size());
        return page;
    }

    @Override
    public void delete(OrderKey key) {
        writes.incrementAndGet();
        delegate.delete(key);
    }
}
