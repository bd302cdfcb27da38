package dev.doorstep.core.shopify;

/**
 * Forgets a shop's stored offline access token. Erasing needs no key (the stored ciphertext just goes),
 * so a function that never reads tokens can do it; a shop with no token stored is fine.
 */
@FunctionalInterface
public interface ShopifyAccessTokenErasure {

    void delete(String shop);
}
