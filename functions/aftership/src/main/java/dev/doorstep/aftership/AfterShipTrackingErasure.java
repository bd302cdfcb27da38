package dev.doorstep.aftership;

import dev.doorstep.core.port.TrackingErasure;
import dev.doorstep.core.tracking.TrackingServiceException;
import java.util.Objects;
import java.util.Optional;

/**
 * Erases a redacted customer's tracking from AfterShip with {@code DELETE /trackings/{id}}: the
 * tracking carried the customer's name, email and phone (order details the merchant chose to share).
 * Already gone (404 / meta code 4004) counts as erased. A shop without a stored key cannot be reached:
 * nothing is sent (its key was removed, so Doorstep can no longer act in that AfterShip account).
 */
public final class AfterShipTrackingErasure implements TrackingErasure {

    private final AfterShipClient client;
    private final ApiKeys keys;

    public AfterShipTrackingErasure(AfterShipClient client, ApiKeys keys) {
        this.client = Objects.requireNonNull(client, "client");
        this.keys = Objects.requireNonNull(keys, "keys");
    }

    @Override
    public void erase(String shop, String trackingId) {
        Optional<ApiKey> key = keys.forShop(shop);
        if (key.isEmpty()) {
            return;
        }
        AfterShipResponse response = client.deleteTracking(key.get(), trackingId);
        if (response.ok() || response.status() == 404 || response.metaCode() == 4004) {
            return;
        }
        throw new TrackingServiceException(FailureClassifier.classify(response), "AfterShip did not delete the"
                + " tracking: HTTP " + response.status() + " / " + response.metaCode());
    }
}
