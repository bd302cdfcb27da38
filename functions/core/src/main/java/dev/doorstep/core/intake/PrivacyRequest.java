package dev.doorstep.core.intake;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One of Shopify's mandatory privacy webhooks, accepted and queued: the webhook answers at once and a
 * worker does the work ({@link PrivacyWork}), as long as it takes, without Shopify's 5-second limit.
 *
 * @param customerId Shopify's customer id; null for {@link Kind#SHOP_REDACT} (or when Shopify sent none)
 * @param orderIds the orders Shopify listed (the customer's other orders are found through the index)
 * @param requestedAt when the webhook was accepted (names a data export, so a redelivery replaces it)
 */
public record PrivacyRequest(Kind kind, String shop, String customerId, List<String> orderIds, Instant requestedAt) {

    public enum Kind {
        /** {@code customers/redact}. */
        CUSTOMER_REDACT,
        /** {@code customers/data_request}. */
        CUSTOMER_DATA_REQUEST,
        /** {@code shop/redact}. */
        SHOP_REDACT
    }

    public PrivacyRequest {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(shop, "shop");
        Objects.requireNonNull(requestedAt, "requestedAt");
        orderIds = orderIds == null ? List.of() : List.copyOf(orderIds);
    }
}
