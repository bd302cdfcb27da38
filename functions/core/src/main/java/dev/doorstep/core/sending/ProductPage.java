package dev.doorstep.core.sending;

import java.net.URI;
import java.util.Objects;

/**
 * A product's storefront page, where its own review section lives, and its image if Shopify has one.
 *
 * @param productId Shopify's numeric product id, as the order's line items carry it
 * @param handle the product's handle (the last segment of {@code /products/<handle>})
 * @param url the product's storefront page
 * @param imageUrl the product's featured image, or null
 */
public record ProductPage(String productId, String handle, URI url, URI imageUrl) {

    public ProductPage {
        Objects.requireNonNull(productId, "productId");
        Objects.requireNonNull(url, "url");
    }
}
