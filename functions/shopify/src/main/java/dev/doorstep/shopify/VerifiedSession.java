package dev.doorstep.shopify;

import java.time.Instant;

/**
 * What a verified session token proves.
 *
 * @param shop the shop's myshopify.com domain, from {@code dest}
 * @param userId the Shopify staff member's id ({@code sub}), or null
 * @param expiresAt the token's {@code exp}
 */
public record VerifiedSession(String shop, String userId, Instant expiresAt) {
}
