package dev.doorstep.core.delivery;

import dev.doorstep.core.model.OrderKey;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What AfterShip says about one order's parcel, from the poll or a webhook.
 *
 * @param deliveredAt AfterShip's {@code shipment_delivery_date}, when it has one
 * @param checkpoints the scans, for delivery evidence when the date is missing or the tracking expired
 */
public record DeliveryReport(OrderKey order, String trackingId, TrackingState state, Instant deliveredAt,
        List<Checkpoint> checkpoints, DeliverySource source) {

    public DeliveryReport {
        Objects.requireNonNull(order, "order");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(source, "source");
        checkpoints = checkpoints == null ? List.of() : List.copyOf(checkpoints);
    }

    /**
     * When the parcel was delivered, as far as AfterShip's data shows: the delivery date, else the
     * earliest Delivered checkpoint (seed: on expiry "understand if the order has been delivered
     * already").
     */
    public Optional<Instant> deliveryEvidence() {
        if (deliveredAt != null) {
            return Optional.of(deliveredAt);
        }
        return checkpoints.stream()
                .filter(c -> c.at() != null && isDeliveryScan(c))
                .map(Checkpoint::at)
                .min(Instant::compareTo);
    }

    private static boolean isDeliveryScan(Checkpoint c) {
        return "Delivered".equals(c.tag()) || (c.subtag() != null && c.subtag().startsWith("Delivered_"));
    }
}
