package dev.doorstep.core.port;

/**
 * Removes a tracking, and the customer's name, email and phone sent with it, from the tracking
 * service (customers/redact). Safe to call again: a tracking already gone is fine.
 */
public interface TrackingErasure {

    /** Nothing to erase, for shops and tests without a tracking service. */
    TrackingErasure NONE = (shop, trackingId) -> { };

    /** @throws RuntimeException when the service could not be reached or refused; the caller retries */
    void erase(String shop, String trackingId);
}
