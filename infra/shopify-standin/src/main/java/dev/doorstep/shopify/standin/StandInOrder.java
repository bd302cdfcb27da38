package dev.doorstep.shopify.standin;

import java.time.Instant;
import java.util.List;

/**
 * An order the stand-in's {@code orders(query:)} query answers (a backfill reads these).
 *
 * @param id the numeric order id (the webhooks' {@code id}; {@code legacyResourceId} in GraphQL)
 * @param name the order's name ("#1001")
 * @param countryCode the shipping address's country (ISO 3166-1 alpha-2), or null
 * @param updatedAt what {@code updated_at:>=} filters on
 * @param productIds the line items' products, numeric ids
 */
public record StandInOrder(String id, String name, String email, String customerId, String firstName,
        String lastName, String countryCode, Instant updatedAt, List<StandInFulfillment> fulfillments,
        List<String> productIds) {

    public StandInOrder {
        fulfillments = fulfillments == null ? List.of() : List.copyOf(fulfillments);
        productIds = productIds == null ? List.of() : List.copyOf(productIds);
    }

    /** Shopify's {@code fulfillment_status:shipped}: at least one fulfillment that was not cancelled. */
    boolean shipped() {
        return fulfillments.stream().anyMatch(f -> !"CANCELLED".equals(f.status()));
    }
}
