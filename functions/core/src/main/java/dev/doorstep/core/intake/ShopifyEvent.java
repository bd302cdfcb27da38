package dev.doorstep.core.intake;

import java.time.Instant;
import java.util.Objects;

/**
 * Which Shopify delivery a fact came from.
 *
 * @param webhookId {@code X-Shopify-Webhook-Id}: one delivery (the dedupe key)
 * @param eventId {@code X-Shopify-Event-Id}: the merchant action behind it, or null when not sent
 * @param triggeredAt {@code X-Shopify-Triggered-At}, or null when not sent (then no stale check is possible)
 */
public record ShopifyEvent(String webhookId, String eventId, Instant triggeredAt) {

    public ShopifyEvent {
        Objects.requireNonNull(webhookId, "webhookId");
    }

    /** Whether this delivery was triggered before {@code lastApplied}: a replay of older news. */
    public boolean isOlderThan(Instant lastApplied) {
        return triggeredAt != null && lastApplied != null && triggeredAt.isBefore(lastApplied);
    }
}
