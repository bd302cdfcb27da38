package dev.doorstep.core.shopify;

/** Shopify could not be asked now (network, 5xx, throttled past the retries): try again later. */
public final class ShopifyUnavailableException extends RuntimeException {

    public ShopifyUnavailableException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
