package dev.doorstep.core.intake;

import dev.doorstep.core.model.Order;
import dev.doorstep.core.model.OrderKey;
import dev.doorstep.core.port.OrderStore;
import dev.doorstep.core.port.ReviewRequestScheduler;
import dev.doorstep.core.port.StaleOrderException;
import java.time.Instant;
import java.util.Optional;
import java.util.function.UnaryOperator;

/** Read-change-write with the store's optimistic lock, retried when someone else wrote in between. */
final class OrderChanges {

    private static final int ATTEMPTS = 5;

    private final OrderStore orders;

    OrderChanges(OrderStore orders) {
        this.orders = orders;
    }

    /**
     * Applies {@code change} to the stored order until it sticks. {@code change} returns its argument
     * unchanged when there is nothing to do (then nothing is written).
     */
    Optional<Order> change(OrderKey key, UnaryOperator<Order> change) {
        for (int attempt = 1; ; attempt++) {
            Optional<Order> current = orders.find(key);
            if (current.isEmpty()) {
                return Optional.empty();
            }
            Order next = change.apply(current.get());
            if (next.equals(current.get())) {
                return current;
            }
            try {
                return Optional.of(orders.update(current.get(), next));
            } catch (StaleOrderException e) {
                if (attempt == ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    /**
     * Cancels the order's review request if it may still go out: the status first, then the schedule,
     * so that a schedule firing in between finds the order cancelled. Calling it again converges (the
     * schedule is removed even if a crash came between the two).
     */
    static Order cancelled(Order order, String reason, Instant now) {
        return order.status().isPending() ? order.moveTo(dev.doorstep.core.model.OrderStatus.CANCELLED, reason, now)
                : order;
    }

    Optional<Order> cancel(OrderKey key, String reason, Instant now, ReviewRequestScheduler scheduler) {
        Optional<Order> result = change(key, o -> cancelled(o, reason, now));
        result.ifPresent(o -> scheduler.cancel(o.key()));
        return result;
    }
}
