package dev.doorstep.core.model;

import java.time.Instant;
import java.util.Objects;

/**
 * The facts of the order's <em>initial</em> fulfillment: the seed only ever uses the first
 * fulfillment's tracking, so later fulfillments never replace these.
 *
 * @param destinationCountry ISO 3166-1 alpha-2 code of the shipping address, or null when unknown
 */
public record Fulfillment(String fulfillmentId, Instant fulfilledAt, String trackingNumber, String carrier,
        String destinationCountry) {

    public Fulfillment {
        Objects.requireNonNull(fulfilledAt, "fulfilledAt");
    }

    public boolean hasTrackingNumber() {
        return trackingNumber != null && !trackingNumber.isBlank();
    }

    public boolean hasCarrier() {
        return carrier != null && !carrier.isBlank();
    }

    /** Both a number and a carrier are needed before AfterShip can track the parcel (seed, FAQ 1). */
    public boolean isTrackable() {
        return hasTrackingNumber() && hasCarrier();
    }

    /** Whether this fulfillment happened before {@code other}: the earlier one is the initial one. */
    public boolean isEarlierThan(Fulfillment other) {
        return fulfilledAt.isBefore(other.fulfilledAt);
    }
}
