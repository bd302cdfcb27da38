package dev.doorstep.core.tracking;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

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

    public boolean isDelivered() {
        return tag == DeliveryTag.DELIVERED;
    }

    public boolean isExpired() {
        return tag == DeliveryTag.EXPIRED;
    }

    /**
     * When the parcel was delivered, if anything shows it: the delivery date, else the earliest
     * Delivered checkpoint (an expired tracking can still carry one; the seed checks for that).
     */
    public Optional<Instant> deliveryEvidence() {
        if (deliveredAt != null) {
            return Optional.of(deliveredAt);
        }
        return checkpoints.stream()
                .filter(c -> c.tag() == DeliveryTag.DELIVERED && c.at() != null)
                .map(Checkpoint::at)
                .min(Comparator.naturalOrder());
    }
}
