package dev.doorstep.core.shopify;

/** Shopify answered and said no (a refused session token, a revoked access token): retrying will not help. */
public final class ShopifyRefusedException extends RuntimeException {

    public ShopifyRefusedException(String reason) {
        super(reason);
    }
}
