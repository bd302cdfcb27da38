package dev.doorstep.core.delivery;

import dev.doorstep.core.model.Order;
import dev.doorstep.core.model.Parcel;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An order timed on its last parcel ({@code splitShipmentTiming = LAST}): which of its parcels are still on
 * their way, and when the last one arrived. The initial fulfillment counts as a parcel like the later ones.
 */
public final class LastParcel {

    private LastParcel() {
    }

    /** The order with the parcel whose tracking is {@code trackingId} marked delivered at {@code at}. */
    public static Order delivered(Order order, String trackingId, Instant at) {
        if (trackingId != null && trackingId.equals(order.trackingId())) {
            return order.toBuilder().deliveredAt(at).build();
        }
        List<Parcel> parcels = new ArrayList<>();
        for (Parcel p : order.parcels()) {
            parcels.add(trackingId != null && trackingId.equals(p.trackingId()) ? p.delivered(at) : p);
        }
        return order.toBuilder().parcels(parcels).build();
    }

    /** The parcels still on their way, as the merchant knows them (tracking number and carrier). */
    public static List<String> onTheirWay(Order order) {
        List<String> labels = new ArrayList<>();
        if (order.deliveredAt() == null) {
            labels.add(Parcel.shipped(order.fulfillment()).label());
        }
        order.parcels().stream().filter(Parcel::onItsWay).map(Parcel::label).forEach(labels::add);
        return labels;
    }

    /** When the last parcel arrived, once none is on its way any more. */
    public static Optional<Instant> allDelivered(Order order) {
        if (!onTheirWay(order).isEmpty()) {
            return Optional.empty();
        }
        Instant last = order.deliveredAt();
        for (Parcel p : order.parcels()) {
            if (p.deliveredAt() != null && (last == null || p.deliveredAt().isAfter(last))) {
                last = p.deliveredAt();
            }
        }
        return Optional.ofNullable(last);
    }

    /** The status reason while waiting: the request is timed on the last parcel, and these are on their way. */
    public static String waitingReason(Order order) {
        int parcels = 1 + order.parcels().size();
        List<String> moving = onTheirWay(order);
        return "shipped in " + parcels + " parcels, timed on the last one's delivery; still on their way: "
                + String.join(", ", moving);
    }
}
