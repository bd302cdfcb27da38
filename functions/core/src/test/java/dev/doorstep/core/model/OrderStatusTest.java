package dev.doorstep.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.doorstep.core.timing.SendDecision;
import dev.doorstep.core.timing.TimingReason;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class OrderStatusTest {

    private static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");
    private static final OrderKey KEY = new OrderKey("demo.myshopify.com", "1001");

    private static Order received() {
        return Order.received(KEY, "#1001", new Fulfillment("f1", T0, "1Z", "UPS", "US"),
                new Customer("c1", "Ada", "ada@example.com", "+15550100"), List.of(new LineItem("p1", "Mug")), T0);
    }

    @Test
    void merchantSeesTheSeedsLabels() {
        assertThat(OrderStatus.WAITING_FOR_DELIVERY.label()).isEqualTo("Waiting for delivery");
        assertThat(OrderStatus.SCHEDULED.label()).isEqualTo("Will send");
        assertThat(OrderStatus.SENT.label()).isEqualTo("Sent");
        assertThat(OrderStatus.CANCELLED.label()).isEqualTo("Cancelled");
        assertThat(OrderStatus.FAILED.label()).isEqualTo("Failed");
    }

    @Test
    void theHappyPathIsAllowedAndEveryMoveIsRecordedWithItsReason() {
        Order order = received()
                .moveTo(OrderStatus.CREATING_TRACKING, "tracking number and carrier present", T0)
                .moveTo(OrderStatus.WAITING_FOR_DELIVERY, "tracking created", T0.plusSeconds(5))
                .schedule(new SendDecision(T0.plusSeconds(99), TimingReason.DELIVERY_BASED, T0.plusSeconds(99),
                        false, "3 days after delivery"), T0.plusSeconds(60))
                .moveTo(OrderStatus.SENDING, "schedule fired", T0.plusSeconds(99))
                .moveTo(OrderStatus.SENT, "SES accepted the message", T0.plusSeconds(100));

        assertThat(order.status()).isEqualTo(OrderStatus.SENT);
        assertThat(order.sendReason()).isEqualTo(TimingReason.DELIVERY_BASED);
        assertThat(order.history()).extracting(StatusChange::to).containsExactly(OrderStatus.CREATING_TRACKING,
                OrderStatus.WAITING_FOR_DELIVERY, OrderStatus.SCHEDULED, OrderStatus.SENDING, OrderStatus.SENT);
        assertThat(order.history().get(2).reason()).isEqualTo("3 days after delivery");
        assertThat(order.history().get(0).from()).isEqualTo(OrderStatus.RECEIVED);
    }

    @ParameterizedTest
    @EnumSource(value = OrderStatus.class, names = {"SENT", "SKIPPED", "CANCELLED", "FAILED"})
    void finalStatusesRefuseEveryMove(OrderStatus last) {
        assertThat(last.isFinal()).isTrue();
        for (OrderStatus next : OrderStatus.values()) {
            assertThat(last.canMoveTo(next)).as(last + " -> " + next).isFalse();
        }
    }

    @Test
    void anIllegalMoveIsRefusedAndNamesBothEnds() {
        Order waiting = received().moveTo(OrderStatus.CREATING_TRACKING, "x", T0)
                .moveTo(OrderStatus.WAITING_FOR_DELIVERY, "x", T0);

        assertThatThrownBy(() -> waiting.moveTo(OrderStatus.SENT, "skip ahead", T0))
                .isInstanceOf(IllegalStatusChangeException.class)
                .hasMessageContaining("WAITING_FOR_DELIVERY").hasMessageContaining("SENT");
        assertThatThrownBy(() -> waiting.moveTo(OrderStatus.RECEIVED, "back", T0))
                .isInstanceOf(IllegalStatusChangeException.class);
    }

    @ParameterizedTest
    @EnumSource(value = OrderStatus.class, names = {"RECEIVED", "CREATING_TRACKING", "TRACKING_RETRY",
        "WAITING_FOR_DELIVERY", "SCHEDULED", "SENDING"})
    void everyPendingStatusCanBeCancelled(OrderStatus pending) {
        assertThat(pending.isPending()).isTrue();
        assertThat(pending.canMoveTo(OrderStatus.CANCELLED)).isTrue();
    }

    @Test
    void dueAtFollowsTheStatus() {
        Instant retryAt = T0.plusSeconds(43_200);
        Instant deadline = T0.plusSeconds(60L * 86_400);
        Order creating = received().toBuilder().fallbackDeadline(deadline).trackingRetryAt(retryAt).build()
                .moveTo(OrderStatus.CREATING_TRACKING, "x", T0);

        assertThat(received().dueAt()).isEmpty();
        assertThat(creating.dueAt()).as("a creation nobody finished").contains(T0.plus(Order.TRACKING_CREATION_GRACE));
        Order retrying = creating.moveTo(OrderStatus.TRACKING_RETRY, "invalid number", T0);
        assertThat(retrying.dueAt()).contains(retryAt);
        assertThat(retrying.moveTo(OrderStatus.CREATING_TRACKING, "again", T0.plusSeconds(50_000)).dueAt())
                .as("from its latest move into the status")
                .contains(T0.plusSeconds(50_000).plus(Order.TRACKING_CREATION_GRACE));
        assertThat(creating.moveTo(OrderStatus.WAITING_FOR_DELIVERY, "ok", T0).dueAt()).contains(deadline);
    }

    @Test
    void customerDataNeverAppearsInToString() {
        Order order = received();

        assertThat(order.toString()).doesNotContain("ada@example.com").doesNotContain("+15550100")
                .doesNotContain("Ada");
    }
}
