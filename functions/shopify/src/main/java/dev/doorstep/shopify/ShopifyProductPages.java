package dev.doorstep.shopify;

import dev.doorstep.core.sending.ProductPage;
import dev.doorstep.core.sending.ProductPages;
import dev.doorstep.core.shopify.ShopifyAccessTokens;
import dev.doorstep.lambda.JsonLog;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Product pages from the Admin GraphQL API with the shop's stored offline token. Best effort: a shop
 * installed without Shopify or uninstalled since (no token), a refused token, throttling or a network failure
 * gives no pages, and the email links the shop's review page instead.
 */
public final class ShopifyProductPages implements ProductPages {

    private static final JsonLog LOG = JsonLog.of(ShopifyProductPages.class);

    private final ShopifyAccessTokens tokens;
    private final ShopifyAdminClient admin;

    public ShopifyProductPages(ShopifyAccessTokens tokens, ShopifyAdminClient admin) {
        this.tokens = tokens;
        this.admin = admin;
    }

    @Override
    public Map<String, ProductPage> find(String shop, List<String> productIds) {
        try {
            Optional<String> token = tokens.find(shop);
            if (token.isEmpty()) {
                LOG.info("no Shopify access token for the shop (not installed through Shopify, or uninstalled);"
                        + " the email links the shop's review page", Map.of("shop", shop));
                return Map.of();
            }
            return admin.productPages(shop, token.get(), productIds);
        } catch (RuntimeException e) {
            // the reason only: never the token
            LOG.warn("product pages unavailable; the email links the shop's review page",
                    Map.of("shop", shop, "reason", e.getClass().getSimpleName() + ": " + e.getMessage()));
            return Map.of();
        }
    }
}
