package dev.doorstep.core.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import dev.doorstep.core.delivery.Checkpoint;
import dev.doorstep.core.delivery.DeliverySource;
import dev.doorstep.core.delivery.TrackingState;
import dev.doorstep.core.model.OrderKey;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrackedShipmentTest {

    static final Instant T1 = Instant.parse("2026-03-05T09:00:00Z");
    static final Instant T2 = Instant.parse("2026-03-06T09:00:00Z");
    static final OrderKey KEY = new OrderKey("demo.myshopify.com", "1");

    @Test
    void aDeliveredTrackingReportsItsDeliveryDate() {
        var s = new TrackedShipment("id", "n", "dhl", "1", DeliveryTag.DELIVERED, "Delivered_001", T2, T2,
                List.of(new Checkpoint(T1, "Delivered", "Delivered_001", null)));
        var report = s.toReport(KEY, DeliverySource.POLL);
        assertThat(report.state()).isEqualTo(TrackingState.DELIVERED);
        assertThat(report.deliveryEvidence()).contains(T2);
        assertThat(report.trackingId()).isEqualTo("id");
    }

    @Test
    void anExpiredTrackingKeepsItsCheckpointsAsEvidence() {
        var s = new TrackedShipment("id", "n", "dhl", "1", DeliveryTag.EXPIRED, "Expired_001", null, T2,
                List.of(new Checkpoint(T1, "Delivered", "Delivered_001", null)));
        assertThat(s.state()).isEqualTo(TrackingState.EXPIRED);
        assertThat(s.toReport(KEY, DeliverySource.POLL).deliveryEvidence()).contains(T1);
    }

    @Test
    void everyOtherTagIsStillOnItsWay() {
        var s = new TrackedShipment("id", "n", "dhl", "1", DeliveryTag.OUT_FOR_DELIVERY, null, null, T2, null);
        assertThat(s.state()).isEqualTo(TrackingState.ON_ITS_WAY);
    }

    @Test
    void tagsReadFromTheWire() {
        assertThat(DeliveryTag.fromWire("InTransit")).isEqualTo(DeliveryTag.IN_TRANSIT);
        assertThat(DeliveryTag.fromWire("delivered")).isEqualTo(DeliveryTag.DELIVERED);
        assertThat(DeliveryTag.fromWire("SomethingNew")).isEqualTo(DeliveryTag.UNKNOWN);
    }
}
