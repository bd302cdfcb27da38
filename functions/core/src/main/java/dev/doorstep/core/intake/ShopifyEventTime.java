package dev.doorstep.core.intake;

import java.time.Duration;
import java.time.Instant;

/**
 * The time a Shopify delivery is ordered by against the last event applied to its order (the stale
 * check). The payload's own timestamp comes first: it is signed with the body. {@code X-Shopify-Triggered-At}
 * is not signed (Shopify signs the body only), so it counts only when the payload carries no time, and
 * only within bounds: else a replayed signed body with a header dated 2099 would make every later
 * genuine event of the order look stale.
 */
public final class ShopifyEventTime {

    /** Clock skew allowed between Shopify and us. */
    public static final Duration FUTURE_TOLERANCE = Duration.ofMinutes(5);
    /** Shopify stops retrying a delivery well inside this; an older trigger is no genuine retry. */
    public static final Duration RETRY_WINDOW = Duration.ofHours(48);

    /** What to do with the delivery. */
    public sealed interface Choice {
        /** Order it by {@code at}; null when neither the payload nor the header has a time (no stale check). */
        record Use(Instant at) implements Choice {
        }

        /** The header claims a trigger further ahead than the allowed skew: not a genuine delivery. */
        record InTheFuture() implements Choice {
        }

        /** The header claims a trigger older than Shopify's retries: a replay. */
        record TooOld() implements Choice {
        }
    }

    private ShopifyEventTime() {
    }

    public static Choice choose(Instant payloadTime, Instant triggeredAtHeader, Instant now) {
        if (payloadTime != null) {
            return new Choice.Use(payloadTime);
        }
        if (triggeredAtHeader == null) {
            return new Choice.Use(null);
        }
        if (triggeredAtHeader.isAfter(now.plus(FUTURE_TOLERANCE))) {
            return new Choice.InTheFuture();
        }
        if (triggeredAtHeader.isBefore(now.minus(RETRY_WINDOW))) {
            return new Choice.TooOld();
        }
        return new Choice.Use(triggeredAtHeader);
    }
}
