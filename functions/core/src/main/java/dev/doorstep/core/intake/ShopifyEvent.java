package dev.doorstep.core.intake;

import java.time.Instant;
import java.util.Objects;

/**
 * Which Shopify delivery a fact came from.
 *
 * @param webhookId {@code X-Shopify-Webhook-Id}: one delivery (the dedupe key)
 * @param eventId {@code X-Shopify-Event-Id}: the merchant action behind it, or null when not sent
 * @param triggeredAt when the news happened ({@link ShopifyEventTime}: the payload's own time, else a bounded
 *     {@code X-Shopify-Triggered-At}), or null when neither says (then no stale check is possible)
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
