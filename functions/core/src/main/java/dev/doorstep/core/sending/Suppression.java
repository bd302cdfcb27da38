package dev.doorstep.core.sending;

import java.time.Instant;
import java.util.Objects;

/** A customer of one shop who must not be emailed again, and why. */
public record Suppression(String shop, EmailDigest email, SuppressionReason reason, Instant since) {

    public Suppression {
        Objects.requireNonNull(shop, "shop");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(since, "since");
    }
}
