package dev.doorstep.core.shopify;

import dev.doorstep.core.model.ShopFacts;

/**
 * Shopify's Admin side, as far as Doorstep uses it: the token-exchange grant and the shop's facts
 * from the Admin GraphQL API.
 */
public interface ShopifyAdmin {

    /**
     * Exchanges the merchant's (already verified) session token for the shop's offline access token.
     *
     * @throws ShopifyRefusedException when Shopify refuses the session token
     * @throws ShopifyUnavailableException when Shopify cannot be asked now (network, 5xx, throttling)
     */
    String exchangeForOfflineToken(String shop, String sessionToken);

    /**
     * The shop's facts, read with its access token.
     *
     * @throws ShopifyRefusedException when the token is not (or no longer) accepted
     * @throws ShopifyUnavailableException when Shopify cannot be asked now
     */
    ShopFacts shopFacts(String shop, String accessToken);
}
