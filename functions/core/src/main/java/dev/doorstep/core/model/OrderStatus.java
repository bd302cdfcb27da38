package dev.doorstep.core.model;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where an order's review request stands (DESIGN.md §2), with the label a merchant sees on the
 * dashboard. The allowed moves are listed here so that the whole life of an order reads in one place.
 */
public enum OrderStatus {
    /** Stored from Shopify; nothing decided yet. */
    RECEIVED("Received"),
    /** A tracking is being created in AfterShip. */
    CREATING_TRACKING("Creating tracking"),
    /** Creating the tracking failed once; one more try after the retry delay (12 h by default). */
    TRACKING_RETRY("Retrying tracking"),
    /** AfterShip tracks the parcel; we wait for it to be delivered. */
    WAITING_FOR_DELIVERY("Waiting for delivery"),
    /** The send time is known and a schedule carries it. */
    SCHEDULED("Will send"),
    /** The sender has claimed the request and is talking to SES. */
    SENDING("Sending"),
    SENT("Sent"),
    /** Not sent on purpose: the customer unsubscribed, has no email, the shop turned requests off. */
    SKIPPED("Skipped"),
    CANCELLED("Cancelled"),
    /** Permanently failed to send (bounce, rejected, suppressed address). */
    FAILED("Failed");

    private final String label;

    OrderStatus(String label) {
        this.label = label;
    }

    /** The merchant-facing name, as on the seed's dashboard ("Waiting for delivery", "Will send"...). */
    public String label() {
        return label;
    }

    public boolean isFinal() {
        return this == SENT || this == SKIPPED || this == CANCELLED || this == FAILED;
    }

    /** Statuses in which a review request may still go out, so cancellation must unschedule. */
    public boolean isPending() {
        return !isFinal();
    }

    public boolean canMoveTo(OrderStatus next) {
        return allowedNext().contains(next);
    }

    public Set<OrderStatus> allowedNext() {
        return switch (this) {
            case RECEIVED -> EnumSet.of(CREATING_TRACKING, SCHEDULED, SKIPPED, CANCELLED);
            case CREATING_TRACKING -> EnumSet.of(WAITING_FOR_DELIVERY, TRACKING_RETRY, SCHEDULED, CANCELLED);
            case TRACKING_RETRY -> EnumSet.of(CREATING_TRACKING, WAITING_FOR_DELIVERY, SCHEDULED, CANCELLED);
            case WAITING_FOR_DELIVERY -> EnumSet.of(SCHEDULED, CANCELLED);
            // SCHEDULED -> SCHEDULED: a new send time (reschedule) is a recorded move too.
            case SCHEDULED -> EnumSet.of(SCHEDULED, SENDING, SKIPPED, CANCELLED, FAILED);
            // SENDING -> SCHEDULED: a throttled send goes back to wait for the schedule's retry.
            case SENDING -> EnumSet.of(SENT, SCHEDULED, SKIPPED, CANCELLED, FAILED);
            case SENT, SKIPPED, CANCELLED, FAILED -> EnumSet.noneOf(OrderStatus.class);
        };
    }
}
