package dev.doorstep.core.timing;

import java.time.Instant;
import java.util.Objects;

/** What we know that the send time is computed from. */
public sealed interface TimingBasis {

    /** AfterShip saw the parcel delivered at {@code deliveredAt} (poll, webhook, or expired-with-evidence). */
    record Delivered(Instant deliveredAt) implements TimingBasis {
        public Delivered {
            Objects.requireNonNull(deliveredAt, "deliveredAt");
        }
    }

    /**
     * Nothing about delivery can be known; time from fulfillment, for the given cause.
     *
     * @param detail what lies behind the cause in the merchant's words (e.g. AfterShip's reason for
     *     refusing the tracking), or null
     */
    record FromFulfillment(FulfillmentTimingCause cause, String detail) implements TimingBasis {
        public FromFulfillment {
            Objects.requireNonNull(cause, "cause");
        }

        public FromFulfillment(FulfillmentTimingCause cause) {
            this(cause, null);
        }

        /** The cause, followed by its detail when there is one. */
        public String description() {
            return detail == null || detail.isBlank() ? cause.description() : cause.description() + ": " + detail;
        }
    }

    /** The fallback deadline passed while the order was still waiting for delivery. */
    record FallbackReached() implements TimingBasis {
    }

    static TimingBasis delivered(Instant deliveredAt) {
        return new Delivered(deliveredAt);
    }

    static TimingBasis fromFulfillment(FulfillmentTimingCause cause) {
        return new FromFulfillment(cause);
    }

    static TimingBasis fromFulfillment(FulfillmentTimingCause cause, String detail) {
        return new FromFulfillment(cause, detail);
    }

    static TimingBasis fallbackReached() {
        return new FallbackReached();
    }
}
