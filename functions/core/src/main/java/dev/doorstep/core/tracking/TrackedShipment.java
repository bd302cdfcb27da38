package dev.doorstep.core.tracking;

import dev.doorstep.core.delivery.Checkpoint;
import dev.doorstep.core.delivery.DeliveryReport;
import dev.doorstep.core.delivery.DeliverySource;
import dev.doorstep.core.delivery.TrackingState;
import dev.doorstep.core.model.OrderKey;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A tracking as AfterShip reports it, without any HTTP in it.
 *
 * @param orderId the Shopify order id we created it with (null for trackings created elsewhere)
 * @param deliveredAt AfterShip's {@code shipment_delivery_date}, or null
 * @param updatedAt when AfterShip last changed it (the poll asks for trackings changed since a time)
 */
public record TrackedShipment(String trackingId, String trackingNumber, String slug, String orderId,
        DeliveryTag tag, String subtag, Instant deliveredAt, Instant updatedAt, List<Checkpoint> checkpoints) {

    public TrackedShipment {
        Objects.requireNonNull(trackingId, "trackingId");
        tag = tag == null ? DeliveryTag.UNKNOWN : tag;
        checkpoints = checkpoints == null ? List.of() : List.copyOf(checkpoints);
    }

    public TrackingState state() {
        return TrackingState.ofTag(tag.wire());
    }

    /** What this tells about the order's parcel, for {@code DeliveryUpdates} (poll and webhook share it). */
    public DeliveryReport toReport(OrderKey order, DeliverySource source) {
        return new DeliveryReport(order, trackingId, state(), deliveredAt, checkpoints, source);
    }
}
