package dev.doorstep.core.polling;

import static org.assertj.core.api.Assertions.assertThat;

import dev.doorstep.core.model.Customer;
import dev.doorstep.core.model.Fulfillment;
import dev.doorstep.core.model.Order;
import dev.doorstep.core.model.OrderKey;
import dev.doorstep.core.model.OrderStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class WakeUpsTest {

    static final Instant FULFILLED = Instant.parse("2026-03-02T10:00:00Z");
    static final Instant DEADLINE = FULFILLED.plus(Duration.ofDays(60));

    static Order waiting() {
        OrderKey key = new OrderKey("a.myshopify.com", "1");
        return Order.received(key, "#1", new Fulfillment("f1", FULFILLED, "1Z1", "UPS", "US"),
                        new Customer("c1", "Ada", "ada@example.com", null), List.of(), FULFILLED)
                .toBuilder().trackingId("t1").fallbackDeadline(DEADLINE).build()
                .moveTo(OrderStatus.CREATING_TRACKING, "trackable", FULFILLED)
                .moveTo(OrderStatus.WAITING_FOR_DELIVERY, "tracked", FULFILLED);
    }

    @Test
    void aFallbackDeadlineGetsItsWakeUpOnlyOnceItIsWithinTheLookahead() {
        assertThat(WakeUps.timeFor(waiting(), DEADLINE.minus(Duration.ofDays(1)))).isEmpty();
        assertThat(WakeUps.timeFor(waiting(), DEADLINE.minus(Duration.ofHours(12))))
                .contains(DEADLINE.minus(dev.doorstep.core.delivery.FallbackDeadlines.LEAD));
    }

    @Test
    void aTrackingRetryAlwaysGetsItsWakeUpAtItsTime() {
        Instant at = FULFILLED.plus(Duration.ofHours(12));
        OrderKey key = new OrderKey("a.myshopify.com", "2");
        Order retry = Order.received(key, "#2", new Fulfillment("f2", FULFILLED, "1Z2", "UPS", "US"),
                        new Customer("c1", "Ada", "ada@example.com", null), List.of(), FULFILLED)
                .moveTo(OrderStatus.CREATING_TRACKING, "trackable", FULFILLED)
                .toBuilder().trackingRetryAt(at).build()
                .moveTo(OrderStatus.TRACKING_RETRY, "one more try at " + at, FULFILLED);
        assertThat(WakeUps.timeFor(retry, FULFILLED)).contains(at);
    }

    @Test
    void otherStatusesNeedNone() {
        Order cancelled = waiting().moveTo(OrderStatus.CANCELLED, "cancelled", FULFILLED);
        assertThat(WakeUps.timeFor(cancelled, DEADLINE)).isEmpty();
    }
}
