package dev.doorstep.core.memory;

import dev.doorstep.core.model.Shop;
import dev.doorstep.core.port.ShopStore;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The {@link ShopStore} contract in memory, for fast tests. */
public final class InMemoryShopStore implements ShopStore {

    private final Map<String, Shop> shops = new ConcurrentHashMap<>();

    @Override
    public Optional<Shop> find(String shop) {
        return Optional.ofNullable(shops.get(shop));
    }

    @Override
    public void save(Shop shop) {
        shops.put(shop.domain(), shop);
    }

    @Override
    public List<String> shopsWithDeliveryTracking() {
        return shops.values().stream().filter(s -> s.installed() && s.settings().aftershipEnabled())
                .map(Shop::domain).sorted().toList();
    }

    @Override
    public boolean recordPoll(String shop, Instant polledAt) {
        Instant at = polledAt.truncatedTo(java.time.temporal.ChronoUnit.SECONDS); // as the DynamoDB store keeps it
        boolean[] recorded = new boolean[1];
        shops.computeIfPresent(shop, (k, s) -> {
            if (s.lastPolledAt() != null && !s.lastPolledAt().isBefore(at)) {
                return s;
            }
            recorded[0] = true;
            return new Shop(s.settings(), s.installed(), at, s.lastAfterShipWebhookAt());
        });
        return recorded[0];
    }

    @Override
    public void recordAfterShipWebhook(String shop, Instant at) {
        Instant seconds = at.truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        shops.computeIfPresent(shop, (k, s) -> s.lastAfterShipWebhookAt() != null
                && !s.lastAfterShipWebhookAt().isBefore(seconds) ? s
                : new Shop(s.settings(), s.installed(), s.lastPolledAt(), seconds));
    }

    @Override
    public void erase(String shop) {
        shops.remove(shop);
    }
}
