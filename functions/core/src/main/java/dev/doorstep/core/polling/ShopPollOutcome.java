package dev.doorstep.core.polling;

import java.time.Instant;
import java.util.List;

/**
 * What one shop's poll did, for the log line, the metrics and the decision to retry.
 *
 * @param requests AfterShip list pages read
 * @param trackingsSeen trackings AfterShip listed as changed in the window
 * @param scheduledOnDelivery orders now "Will send", timed from their delivery
 * @param scheduledOnFulfillment orders now "Will send" on fulfillment timing (expired, no evidence)
 * @param alreadyHandled Delivered/Expired trackings whose order was no longer waiting (a re-read window)
 * @param notOurs trackings of no waiting order of ours (created elsewhere, or not the initial fulfillment's)
 * @param problems orders whose change could not be applied (ids only)
 * @param failure why the poll did not complete, or null
 * @param retry whether polling again soon can help (AfterShip busy, a write that raced); false for a
 *     complete poll and for failures only the merchant can fix (an invalid API key)
 * @param checkpointed whether {@code lastPolledAt} moved to {@code until}
 * @param skipped why the shop was not polled at all, or null
 */
public record ShopPollOutcome(String shop, Instant since, Instant until, int requests, int trackingsSeen,
        int scheduledOnDelivery, int scheduledOnFulfillment, int alreadyHandled, int notOurs,
        List<String> problems, String failure, boolean retry, boolean checkpointed, String skipped) {

    public ShopPollOutcome {
        problems = problems == null ? List.of() : List.copyOf(problems);
    }

    static ShopPollOutcome skipped(String shop, String why) {
        return new ShopPollOutcome(shop, null, null, 0, 0, 0, 0, 0, 0, List.of(), null, false, false, why);
    }

    /** Every page read and every change applied. */
    public boolean complete() {
        return skipped == null && failure == null;
    }
}
