package dev.doorstep.shopify.standin;

import java.time.Instant;

/**
 * One fulfillment of a {@link StandInOrder}.
 *
 * @param id the numeric fulfillment id
 * @param status Shopify's {@code FulfillmentStatus} ({@code SUCCESS}, {@code CANCELLED}, ...)
 * @param trackingNumber the first tracking number, or null
 * @param company the tracking company as the merchant picked it ("UPS"), or null
 */
public record StandInFulfillment(String id, Instant createdAt, String status, String trackingNumber,
        String company) {
}
