package dev.doorstep.core.merchant;

import static org.assertj.core.api.Assertions.assertThat;

import dev.doorstep.core.model.Fulfillment;
import dev.doorstep.core.model.Order;
import dev.doorstep.core.model.OrderKey;
import dev.doorstep.core.model.OrderStatus;
import dev.doorstep.core.timing.SendDecision;
import dev.doorstep.core.timing.TimingReason;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SendTimingsTest {

    private static final Instant NOW = Instant.parse("2026-04-30T12:00:00Z");

    private static Order sent(String id, Instant fulfilled, Instant delivered, Instant sentAt, TimingReason rule) {
        Order o = Order.received(new OrderKey("a.myshopify.com", id), "#" + id,
                new Fulfillment("f", fulfilled, null, null, "US"), null, List.of(), fulfilled);
        o = o.toBuilder().deliveredAt(delivered).build()
                .schedule(new SendDecision(sentAt, rule, sentAt, false, "x"), fulfilled);
        return o.moveTo(OrderStatus.SENDING, "claimed", sentAt).moveTo(OrderStatus.SENT, "sent", sentAt);
    }

    @Test
    void countsEmailsOfThePeriodByDaysAndRule() {
        SendTimings t = new SendTimings(NOW.minus(Duration.ofDays(30)), NOW);
        Instant f = NOW.minus(Duration.ofDays(20));
        t.add(sent("1", f, f.plus(Duration.ofDays(4)), f.plus(Duration.ofDays(7)), TimingReason.DELIVERY_BASED));
        t.add(sent("2", f, f.plus(Duration.ofDays(1)), f.plus(Duration.ofDays(7)), TimingReason.MINIMUM_DELAY_FLOOR));
        t.add(sent("3", f, null, f.plus(Duration.ofDays(7)), TimingReason.FULFILLMENT_BASED));
        t.add(sent("old", NOW.minus(Duration.ofDays(90)), null, NOW.minus(Duration.ofDays(31)),
                TimingReason.FALLBACK));

        assertThat(t.sent()).isEqualTo(3);
        assertThat(t.daysFromFulfillment()).containsExactly(java.util.Map.entry(7L, 3));
        assertThat(t.daysFromDelivery()).containsExactly(java.util.Map.entry(3L, 1), java.util.Map.entry(6L, 1));
        assertThat(t.byRule()).containsEntry(TimingReason.DELIVERY_BASED, 1)
                .containsEntry(TimingReason.MINIMUM_DELAY_FLOOR, 1).containsEntry(TimingReason.FULFILLMENT_BASED, 1)
                .containsEntry(TimingReason.FALLBACK, 0);
    }
}
