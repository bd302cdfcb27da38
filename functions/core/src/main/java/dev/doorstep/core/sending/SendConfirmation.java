package dev.doorstep.core.sending;

import dev.doorstep.core.model.Order;
import dev.doorstep.core.model.OrderKey;
import dev.doorstep.core.model.OrderStatus;
import dev.doorstep.core.port.OrderStore;
import dev.doorstep.core.port.StaleOrderException;
import dev.doorstep.core.sending.SendOutcome.Result;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The mail service's own "send" event for an order: proof that the email was accepted. Marks an
 * order still in SENDING as SENT, which closes the window between sending and marking (a sender that
 * died there would otherwise leave its claim to expire and the email to be sent again;
 * docs/sending.md §3).
 */
public final class SendConfirmation {

    private static final int ATTEMPTS = 3;

    private final OrderStore orders;

    public SendConfirmation(OrderStore orders) {
        this.orders = Objects.requireNonNull(orders, "orders");
    }

    public SendOutcome confirm(OrderKey key, String messageId, Instant at) {
        for (int attempt = 1; ; attempt++) {
            Optional<Order> found = orders.find(key);
            if (found.isEmpty()) {
                return SendOutcome.of(key, Result.NOT_FOUND, "no such order (redacted or never stored)");
            }
            Order order = found.get();
            if (order.status() != OrderStatus.SENDING) {
                return new SendOutcome(key, order.status() == OrderStatus.SENT ? Result.ALREADY_SENT
                        : Result.NOT_PENDING, "nothing to confirm: " + order.status().label(), order.messageId(), null);
            }
            try {
                orders.update(order, order.moveTo(OrderStatus.SENT, "review request sent (confirmed by the mail"
                        + " service)", at).toBuilder().messageId(messageId).leaseUntil(null).build());
                return new SendOutcome(key, Result.SENT, "confirmed by the mail service", messageId, order.deliveredAt());
            } catch (StaleOrderException e) {
                // The sender marked it meanwhile (or a cancellation landed): read again.
                if (attempt == ATTEMPTS) {
                    throw e;
                }
            }
        }
    }
}
