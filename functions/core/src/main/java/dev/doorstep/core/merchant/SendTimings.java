package dev.doorstep.core.merchant;

import dev.doorstep.core.model.Order;
import dev.doorstep.core.model.OrderStatus;
import dev.doorstep.core.model.StatusChange;
import dev.doorstep.core.timing.TimingReason;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The picture of the emails a shop sent in a period: how many whole days after fulfillment and after
 * delivery each went out, and how many orders each timing rule decided. Counts only; no order shows.
 */
public final class SendTimings {

    private final Instant from;
    private final Instant to;
    private final TreeMap<Long, Integer> daysFromFulfillment = new TreeMap<>();
    private final TreeMap<Long, Integer> daysFromDelivery = new TreeMap<>();
    private final EnumMap<TimingReason, Integer> byRule = new EnumMap<>(TimingReason.class);
    private int sent;

    public SendTimings(Instant from, Instant to) {
        this.from = from;
        this.to = to;
        for (TimingReason r : TimingReason.values()) {
            byRule.put(r, 0);
        }
    }

    /** Counts {@code order} when its email went out in the period; ignores it otherwise. */
    public void add(Order order) {
        if (order.status() != OrderStatus.SENT) {
            return;
        }
        Instant sentAt = sentAt(order);
        if (sentAt.isBefore(from) || sentAt.isAfter(to)) {
            return;
        }
        sent++;
        daysFromFulfillment.merge(days(order.fulfillment().fulfilledAt(), sentAt), 1, Integer::sum);
        if (order.deliveredAt() != null) {
            daysFromDelivery.merge(days(order.deliveredAt(), sentAt), 1, Integer::sum);
        }
        if (order.sendReason() != null) {
            byRule.merge(order.sendReason(), 1, Integer::sum);
        }
    }

    public int sent() {
        return sent;
    }

    /** Emails by whole days from fulfillment to sending, in day order. */
    public Map<Long, Integer> daysFromFulfillment() {
        return daysFromFulfillment;
    }

    /** Emails of delivered orders by whole days from delivery to sending, in day order. */
    public Map<Long, Integer> daysFromDelivery() {
        return daysFromDelivery;
    }

    /** Emails by the rule that set their time (every rule present, zero when none). */
    public Map<TimingReason, Integer> byRule() {
        return byRule;
    }

    private static Instant sentAt(Order order) {
        for (int i = order.history().size() - 1; i >= 0; i--) {
            StatusChange change = order.history().get(i);
            if (change.to() == OrderStatus.SENT) {
                return change.at();
            }
        }
        return order.sendAt() != null ? order.sendAt() : order.enteredStatusAt();
    }

    private static long days(Instant start, Instant end) {
        return Math.max(0, Duration.between(start, end).toDays());
    }
}
