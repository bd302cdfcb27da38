package dev.doorstep.core.model;

import java.time.Instant;
import java.util.Objects;

/**
 * A later shipment of a split order, followed only when the shop times requests on the last parcel
 * ({@link SplitShipmentTiming#LAST}); the initial fulfillment stays the order's own.
 *
 * @param trackingId AfterShip's tracking, or null until it is created
 * @param trackingFailure why AfterShip would not track it (then it is not waited for), or null
 * @param deliveredAt when AfterShip saw it delivered, or null
 */
public record Parcel(Fulfillment fulfillment, String trackingId, String trackingFailure, Instant deliveredAt) {

    public Parcel {
        Objects.requireNonNull(fulfillment, "fulfillment");
    }

    public static Parcel shipped(Fulfillment fulfillment) {
        return new Parcel(fulfillment, null, null, null);
    }

    /** Still to be tracked in AfterShip. */
    public boolean untracked() {
        return trackingId == null && trackingFailure == null;
    }

    /** Still on its way as far as we know: tracked (or about to be) and not delivered. */
    public boolean onItsWay() {
        return trackingFailure == null && deliveredAt == null;
    }

    public Parcel tracked(String id) {
        return new Parcel(fulfillment, id, null, deliveredAt);
    }

    public Parcel notTracked(String failure) {
        return new Parcel(fulfillment, null, failure, null);
    }

    public Parcel delivered(Instant at) {
        return new Parcel(fulfillment, trackingId, trackingFailure, at);
    }

    /** How the merchant knows the parcel: its tracking number and carrier. */
    public String label() {
        return fulfillment.trackingNumber() + (fulfillment.carrier() == null ? "" : " (" + fulfillment.carrier() + ")");
    }
}
