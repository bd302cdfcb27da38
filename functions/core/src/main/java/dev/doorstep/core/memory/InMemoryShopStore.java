package dev.doorstep.core.memory;

import dev.doorstep.core.model.Shop;
import dev.doorstep.core.port.ShopStore;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import java.util.function.Function;

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
        return setForward(shop, polledAt, Shop::lastPolledAt,
                (s, at) -> new Shop(s.settings(), s.installed(), at, s.lastAfterShipWebhookAt(), s.facts()));
    }

    @Override
    public void recordAfterShipWebhook(String shop, Instant at) {
        setForward(shop, at, Shop::lastAfterShipWebhookAt,
                (s, seconds) -> new Shop(s.settings(), s.installed(), s.lastPolledAt(), seconds, s.facts()));
    }

    /** Only forward, in whole seconds (as the DynamoDB store keeps them), never on an erased shop. */
    private boolean setForward(String shop, Instant at, Function<Shop, Instant> current,
            BiFunction<Shop, Instant, Shop> set) {
        Instant seconds = at.truncatedTo(ChronoUnit.SECONDS);
        boolean[] recorded = new boolean[1];
        shops.computeIfPresent(shop, (k, s) -> {
            if (current.apply(s) != null && !current.apply(s).isBefore(seconds)) {
                return s;
            }
            recorded[0] = true;
            return set.apply(s, seconds);
        });
        return recorded[0];
    }

    @Override
    public void erase(String shop) {
        shops.remove(shop);
    }
}
