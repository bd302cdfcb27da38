package dev.doorstep.core.tracking;

import java.util.Objects;

/** What AfterShip answered to "track this shipment". */
public sealed interface TrackingCreated {

    /**
     * AfterShip tracks it under {@code trackingId}.
     *
     * @param alreadyExisted AfterShip already had it (meta code 4003) and we took the existing one
     */
    record Tracked(String trackingId, String slug, boolean alreadyExisted) implements TrackingCreated {
        public Tracked {
            Objects.requireNonNull(trackingId, "trackingId");
        }
    }

    /** @param detail AfterShip's own message, for the merchant and the logs (never personal data) */
    record Failed(TrackingFailure reason, String detail) implements TrackingCreated {
        public Failed {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
