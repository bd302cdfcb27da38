package dev.doorstep.core.timing;

import java.time.Instant;
import java.util.Objects;

/**
 * When to send a review request and why.
 *
 * @param sendAt the instant to send; equal to "now" when {@code sendNow}
 * @param ruleTime the instant the rule gave before "already past means now" applied
 * @param sendNow the rule's time had already passed, so the request goes out at once
 * @param explanation one sentence a merchant can read on the dashboard
 */
public record SendDecision(Instant sendAt, TimingReason reason, Instant ruleTime, boolean sendNow,
        String explanation) {

    public SendDecision {
        Objects.requireNonNull(sendAt, "sendAt");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(ruleTime, "ruleTime");
    }
}
