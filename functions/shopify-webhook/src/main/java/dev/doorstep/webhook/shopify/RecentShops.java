package dev.doorstep.webhook.shopify;

import dev.doorstep.core.model.Shop;
import dev.doorstep.core.port.ShopStore;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Shops as this container read them in the last few seconds, so that a burst of order webhooks from
 * one shop reads its settings once instead of once per delivery (the read was one of a new order's
 * four DynamoDB calls). A settings change or an uninstall handled by another container reaches this
 * one within {@link #DEFAULT_MAX_AGE}; an uninstall handled here is forgotten at once.
 */
final class RecentShops {

    /** As Powertools' parameter cache: short enough that nobody waits for a change to apply. */
    static final Duration DEFAULT_MAX_AGE = Duration.ofSeconds(5);
    private static final int MAX_ENTRIES = 10_000;

    private record Entry(Optional<Shop> shop, long readAtNanos) {
    }

    private final ShopStore shops;
    private final long maxAgeNanos;
    private final LongSupplier nanoTime;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    RecentShops(ShopStore shops, Duration maxAge, LongSupplier nanoTime) {
        this.shops = shops;
        this.maxAgeNanos = maxAge.toNanos();
        this.nanoTime = nanoTime;
    }

    RecentShops(ShopStore shops, Duration maxAge) {
        this(shops, maxAge, System::nanoTime);
    }

    Optional<Shop> find(String domain) {
        if (maxAgeNanos <= 0) {
            return shops.find(domain);
        }
        long now = nanoTime.getAsLong();
        Entry entry = entries.get(domain);
        if (entry != null && now - entry.readAtNanos() < maxAgeNanos) {
            return entry.shop();
        }
        Optional<Shop> read = shops.find(domain);
        if (entries.size() >= MAX_ENTRIES) {
            entries.values().removeIf(e -> now - e.readAtNanos() >= maxAgeNanos);
        }
        entries.put(domain, new Entry(read, now));
        return read;
    }

    void forget(String domain) {
        entries.remove(domain);
    }
}
