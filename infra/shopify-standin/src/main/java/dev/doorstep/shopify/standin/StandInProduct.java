package dev.doorstep.shopify.standin;

/**
 * A product the stand-in's {@code nodes(ids:)} query answers.
 *
 * @param id the numeric product id (line items' {@code product_id})
 * @param onlineStoreUrl its storefront page, or null when not published on the Online Store
 * @param imageUrl its featured image, or null
 */
public record StandInProduct(String id, String handle, String onlineStoreUrl, String imageUrl) {
}
