package dev.doorstep.core.memory;

import dev.doorstep.core.shopify.ShopifyAccessTokens;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The {@link ShopifyAccessTokens} contract in memory (clear text), for fast tests. */
public final class InMemoryShopifyAccessTokens implements ShopifyAccessTokens {

    private final Map<String, String> tokens = new ConcurrentHashMap<>();

    @Override
    public void save(String shop, String accessToken) {
        tokens.put(shop, accessToken);
    }

    @Override
    public Optional<String> find(String shop) {
        return Optional.ofNullable(tokens.get(shop));
    }

    @Override
    public void delete(String shop) {
        tokens.remove(shop);
    }
}
