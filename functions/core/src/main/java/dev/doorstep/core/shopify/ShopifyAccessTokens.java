package dev.doorstep.core.shopify;

import java.util.Optional;

/**
 * Shops' offline Admin API access tokens. Implementations keep them encrypted at rest; the clear token
 * passes only through this port and the Shopify adapter, and never into a log.
 */
public interface ShopifyAccessTokens extends ShopifyAccessTokenErasure {

    void save(String shop, String accessToken);

    /** Empty when none is stored: never installed through Shopify, or uninstalled since. */
    Optional<String> find(String shop);
}
