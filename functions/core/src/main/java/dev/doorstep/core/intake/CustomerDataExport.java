package dev.doorstep.core.intake;

import dev.doorstep.core.model.Order;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What we hold about one customer of a shop, collected for Shopify's {@code customers/data_request}
 * and kept for the merchant to hand to the customer (docs/security.md: format and delivery).
 *
 * @param customerId Shopify's customer id (null when the request named only orders)
 * @param orders every order of the customer we hold, with the personal data in it
 */
public record CustomerDataExport(String shop, String customerId, Instant requestedAt, List<Order> orders) {

    /** How long an export is kept for the merchant to collect (Shopify gives the merchant 30 days). */
    public static final java.time.Duration KEPT_FOR = java.time.Duration.ofDays(30);

    public CustomerDataExport {
        Objects.requireNonNull(shop, "shop");
        Objects.requireNonNull(requestedAt, "requestedAt");
        orders = List.copyOf(orders);
    }
}
