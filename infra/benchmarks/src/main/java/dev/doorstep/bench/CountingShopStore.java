package dev.doorstep.bench;

import dev.doorstep.core.model.Shop;
import dev.doorstep.core.port.ShopStore;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/** A shop store that counts items read and writes, like {@link CountingOrderStore}. */
final class CountingShopStore implements ShopStore {

    private final ShopStore delegate;
    final AtomicLong gets = new AtomicLong();
    final AtomicLong itemsRead = new AtomicLong();
    final AtomicLong writes = new AtomicLong();

    CountingShopStore(ShopStore delegate) {
        this.delegate = delegate;
    }

    void reset() {
        gets.set(0);
        itemsRead.set(0);
        writes.set(0);
    }

    @Override
    public Optional<Shop> find(String shop) {
        gets.incrementAndGet();
        Optional<Shop> found = delegate.find(shop);
        found.ifPresent(s -> itemsRead.incrementAndGet());
        return found;
    }

    @Override
    public void save(Shop shop) {
        writes.incrementAndGet();
        delegate.save(shop);
    }

    @Override
    public List<String> shopsWithDeliveryTracking() {
        List<String> shops = delegate.shopsWithDeliveryTracking();
        itemsRead.addAndGet(shops.size());
        return shops;
    }

    @Override
    public boolean recordPoll(String shop, Instant polledAt) {
        writes.incrementAndGet();
        return delegate.recordPoll(shop, polledAt);
    }

    @Override
    public void recordAfterShipWebhook(String shop, Instant at) {
        writes.incrementAndGet();
        delegate.recordAfterShipWebhook(shop, at);
    }

    @Override
    public void erase(String shop) {
        writes.incrementAndGet();
        delegate.erase(shop);
    }
}
