package dev.doorstep.core.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrackedShipmentTest {

    static final Instant T1 = Instant.parse("2026-03-05T09:00:00Z");
    static final Instant T2 = Instant.parse("2026-03-06T09:00:00Z");

    @Test
    void theDeliveryDateIsTheEvidence() {
        var s = new TrackedShipment("id", "n", "dhl", "1", DeliveryTag.DELIVERED, "Delivered_001", T2, T2,
                List.of(new Checkpoint(DeliveryTag.DELIVERED, "Delivered_001", T1)));
        assertThat(s.deliveryEvidence()).contains(T2);
    }

    @Test
    void anExpiredTrackingWithADeliveredCheckpointShowsDelivery() {
        var s = new TrackedShipment("id", "n", "dhl", "1", DeliveryTag.EXPIRED, "Expired_001", null, T2,
                List.of(new Checkpoint(DeliveryTag.IN_TRANSIT, null, T1.minusSeconds(99)),
                        new Checkpoint(DeliveryTag.DELIVERED, null, T2), new Checkpoint(DeliveryTag.DELIVERED, null, T1)));
        assertThat(s.isExpired()).isTrue();
        assertThat(s.deliveryEvidence()).contains(T1);
    }

    @Test
    void noEvidenceWithoutADeliveredCheckpoint() {
        var s = new TrackedShipment("id", "n", "dhl", "1", DeliveryTag.EXPIRED, null, null, T2,
                List.of(new Checkpoint(DeliveryTag.IN_TRANSIT, null, T1)));
        assertThat(s.deliveryEvidence()).isEmpty();
    }

    @Test
    void tagsReadFromTheWire() {
        assertThat(DeliveryTag.fromWire("InTransit")).isEqualTo(DeliveryTag.IN_TRANSIT);
        assertThat(DeliveryTag.fromWire("delivered")).isEqualTo(DeliveryTag.DELIVERED);
        assertThat(DeliveryTag.fromWire("SomethingNew")).isEqualTo(DeliveryTag.UNKNOWN);
    }
}
