package dev.doorstep.core.timing;

import java.time.Instant;

/** What follows a failed tracking creation: one more try later, or fulfillment timing. */
public sealed interface TrackingRetry {

    record RetryAt(Instant at) implements TrackingRetry {
    }

    record GiveUp() implements TrackingRetry {
    }
}
