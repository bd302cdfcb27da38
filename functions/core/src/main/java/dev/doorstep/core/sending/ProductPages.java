package dev.doorstep.core.sending;

import java.util.List;
import java.util.Map;

/**
 * Where an order's products live in the shop's storefront, for per-product review links. Best effort:
 * an implementation answers what it can and never fails the email (a product it cannot find is simply
 * absent, and the email links the shop's review page instead).
 */
public interface ProductPages {

    /** No product pages: every email links the shop's review page (or its storefront). */
    ProductPages NONE = (shop, productIds) -> Map.of();

    /** @return the pages found, by product id */
    Map<String, ProductPage> find(String shop, List<String> productIds);
}
