package dev.doorstep.core.tracking;

import java.time.Instant;

/** What one tracking-creation attempt did to the order. */
public sealed interface CreationOutcome {

    /** "Waiting for delivery": AfterShip tracks it. */
    record WaitingForDelivery(String trackingId, boolean alreadyExisted) implements CreationOutcome {
    }

    /** The first attempt failed; the one retry is due at {@code at}. */
    record RetryLater(TrackingFailure reason, Instant at) implements CreationOutcome {
    }

    /** The second attempt failed too: fulfillment timing, "Will send" at {@code sendAt}. */
    record WillSend(TrackingFailure reason, Instant sendAt) implements CreationOutcome {
    }

    /**
     * AfterShip could not be reached (rate limit, 5xx, timeouts) and the caller can retry soon:
     * nothing was written and no attempt was used.
     */
    record TryAgainSoon(TrackingFailure reason) implements CreationOutcome {
    }

    /**
     * AfterShip could not be reached and the caller cannot retry: the order waits in TRACKING_RETRY
     * until {@code at}, with no attempt used.
     */
    record Parked(TrackingFailure reason, Instant at) implements CreationOutcome {
    }

    /** Nothing to do: the order is gone, or is no longer (or not yet) waiting for a tracking. */
    record NothingToDo(String why) implements CreationOutcome {
    }
}
