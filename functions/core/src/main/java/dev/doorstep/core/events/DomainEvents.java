package dev.doorstep.core.events;

import dev.doorstep.core.events.DomainEvent.DeliverySeen;
import dev.doorstep.core.events.DomainEvent.OrderReceived;
import dev.doorstep.core.events.DomainEvent.ReviewRequestCancelled;
import dev.doorstep.core.events.DomainEvent.ReviewRequestFailed;
import dev.doorstep.core.events.DomainEvent.ReviewRequestScheduled;
import dev.doorstep.core.events.DomainEvent.ReviewRequestSent;
import dev.doorstep.core.events.DomainEvent.ReviewRequestSkipped;
import dev.doorstep.core.events.DomainEvent.TrackingCreated;
import dev.doorstep.core.events.DomainEvent.TrackingFailed;
import dev.doorstep.core.model.Order;
import dev.doorstep.core.model.OrderStatus;
import dev.doorstep.core.model.StatusChange;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The facts one committed write of an order adds, read from the order before and after the write
 * (a stream record's OldImage and NewImage). Every status move the write recorded in the order's
 * history is one fact; a move to "Will send" may be preceded by its cause (the delivery, or the
 * tracking that could not be created).
 *
 * <p>Sequence numbers come from the history index, so they are the same however often the same
 * write is read: receipt is 0, the move at index {@code i} is {@code 2i + 2} and its cause
 * {@code 2i + 1}. Moves with nothing to tell outside are left out: into RECEIVED, CREATING_TRACKING
 * and SENDING (internal steps), and SENDING back to SCHEDULED (the same request waiting for its retry).
 *
 * <p>Times and values the order keeps (send time, delivery time, failure code, message id) are
 * those the write committed; reasons are the merchant-readable ones of the history, without anything
 * of the customer's.
 */
public final class DomainEvents {

    private DomainEvents() {
    }

    /**
     * @param before the order before the write; empty when the write inserted it
     * @param after the order as the write left it
     */
    public static List<DomainEvent> between(Optional<Order> before, Order after) {
        Objects.requireNonNull(after, "after");
        List<DomainEvent> events = new ArrayList<>();
        if (before.isEmpty()) {
            events.add(new OrderReceived(header(after, 0, receivedAt(after)), after.fulfillment().fulfilledAt()));
        }
        List<StatusChange> history = after.history();
        int from = before.map(b -> b.history().size()).orElse(0);
        for (int i = from; i < history.size(); i++) {
            events.addAll(factsOf(before, after, history.get(i), i));
        }
        return List.copyOf(events);
    }

    private static List<DomainEvent> factsOf(Optional<Order> before, Order after, StatusChange move, int index) {
        long main = 2L * index + 2;
        long cause = main - 1;
        String reason = CustomerRedaction.scrub(move.reason(), after.customer());
        return switch (move.to()) {
            case WAITING_FOR_DELIVERY -> List.of(new TrackingCreated(header(after, main, move.at()),
                    after.trackingId(), after.fallbackDeadline()));
            case TRACKING_RETRY -> List.of(new TrackingFailed(header(after, main, move.at()), after.trackingFailure(),
                    reason, after.trackingAttempts(), after.trackingRetryAt()));
            case SCHEDULED -> scheduled(before, after, move, reason, main, cause);
            case SENT -> List.of(new ReviewRequestSent(header(after, main, move.at()), after.messageId()));
            case SKIPPED -> List.of(new ReviewRequestSkipped(header(after, main, move.at()), reason, move.from()));
            case CANCELLED -> List.of(new ReviewRequestCancelled(header(after, main, move.at()), reason, move.from()));
            case FAILED -> List.of(new ReviewRequestFailed(header(after, main, move.at()), reason, move.from()));
            case RECEIVED, CREATING_TRACKING, SENDING -> List.of();
        };
    }

    private static List<DomainEvent> scheduled(Optional<Order> before, Order after, StatusChange move, String reason,
            long main, long cause) {
        if (move.from() == OrderStatus.SENDING) {
            return List.of();
        }
        List<DomainEvent> out = new ArrayList<>(2);
        if (gaveUpOnTracking(before, after, move)) {
            out.add(new TrackingFailed(header(after, cause, move.at()), after.trackingFailure(),
                    CustomerRedaction.scrub("AfterShip could not create the tracking; timing from fulfillment",
                            after.customer()), after.trackingAttempts(), null));
        } else if (deliverySeen(before, after)) {
            out.add(new DeliverySeen(header(after, cause, move.at()), after.deliveredAt(), null));
        }
        out.add(new ReviewRequestScheduled(header(after, main, move.at()), after.sendAt(), after.sendReason(),
                reason));
        return out;
    }

    /** The last allowed attempt failed: the write used an attempt and left tracking for fulfillment timing. */
    private static boolean gaveUpOnTracking(Optional<Order> before, Order after, StatusChange move) {
        boolean fromTracking = move.from() == OrderStatus.CREATING_TRACKING
                || move.from() == OrderStatus.TRACKING_RETRY;
        int attemptsBefore = before.map(Order::trackingAttempts).orElse(0);
        return fromTracking && after.trackingFailure() != null && after.trackingAttempts() > attemptsBefore;
    }

    private static boolean deliverySeen(Optional<Order> before, Order after) {
        return after.deliveredAt() != null
                && !Objects.equals(after.deliveredAt(), before.map(Order::deliveredAt).orElse(null));
    }

    private static EventHeader header(Order order, long sequence, Instant at) {
        return new EventHeader(EventIds.of(order.key(), order.receivedAt(), sequence), order.key(),
                order.orderNumber(), sequence, at);
    }

    /** An order stored before receipt times were kept falls back to its fulfillment time. */
    private static Instant receivedAt(Order order) {
        return order.receivedAt() != null ? order.receivedAt() : order.fulfillment().fulfilledAt();
    }
}
