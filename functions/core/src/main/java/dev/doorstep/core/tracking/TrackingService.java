package dev.doorstep.core.tracking;

import dev.doorstep.core.port.Page;
import java.util.Optional;

/**
 * AfterShip as the domain sees it: one account per shop (the adapter finds the shop's API key),
 * no HTTP in sight. Implementations retry what is worth retrying (rate limits, 5xx, timeouts) within
 * their own bounds and keep every shop under its rate limits.
 */
public interface TrackingService {

    /** Asks AfterShip to track the shipment; an existing tracking of the same number counts as created. */
    TrackingCreated create(TrackingRequest request);

    /**
     * One page of the shop's trackings that changed in the query's window.
     *
     * @throws TrackingServiceException when AfterShip could not be read
     */
    Page<TrackedShipment> changed(String shop, TrackingQuery query);

    /**
     * One tracking by its AfterShip id, empty when AfterShip does not know it.
     *
     * @throws TrackingServiceException when AfterShip could not be read
     */
    Optional<TrackedShipment> find(String shop, String trackingId);
}
