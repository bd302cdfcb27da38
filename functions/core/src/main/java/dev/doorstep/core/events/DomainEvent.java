package dev.doorstep.core.events;

import dev.doorstep.core.delivery.DeliverySource;
import dev.doorstep.core.model.OrderStatus;
import dev.doorstep.core.timing.TimingReason;
import java.time.Instant;

/**
 * One fact of an order's life that other systems may react to (docs/events/README.md). The simple
 * class name is the EventBridge detail-type; no event carries the customer's email, name or phone.
 */
public sealed interface DomainEvent {

    EventHeader header();

    /** The EventBridge detail-type, which is also the schema's name (docs/events/{detailType}.v1.json). */
    default String detailType() {
        return getClass().getSimpleName();
    }

    /** Shopify's fulfillment reached Doorstep and the order was stored. */
    record OrderReceived(EventHeader header, Instant fulfilledAt) implements DomainEvent {
    }

    /** AfterShip tracks the parcel: "Waiting for delivery". */
    record TrackingCreated(EventHeader header, String trackingId, Instant fallbackDeadline) implements DomainEvent {
    }

    /**
     * AfterShip could not create the tracking.
     *
     * @param failure the failure's code (e.g. INVALID_TRACKING_NUMBER), when known
     * @param retryAt when the next try is due; null when Doorstep gave up and times from fulfillment
     */
    record TrackingFailed(EventHeader header, String failure, String reason, int attempts, Instant retryAt)
            implements DomainEvent {
    }

    /**
     * The parcel was delivered (or AfterShip's scans show it was).
     *
     * @param source how Doorstep learned it, when the order records it; null otherwise
     */
    record DeliverySeen(EventHeader header, Instant deliveredAt, DeliverySource source) implements DomainEvent {
    }

    /** The send time is known: "Will send". A later one for the same order replaces the time. */
    record ReviewRequestScheduled(EventHeader header, Instant sendAt, TimingReason timing, String reason)
            implements DomainEvent {
    }

    /** The review request went out; {@code messageId} is the mail service's (SES) message id. */
    record ReviewRequestSent(EventHeader header, String messageId) implements DomainEvent {
    }

    /** Not sent on purpose (unsubscribed, no email, requests turned off). */
    record ReviewRequestSkipped(EventHeader header, String reason, OrderStatus previousStatus)
            implements DomainEvent {
    }

    /** Not sent because the order was cancelled or refunded, the customer redacted or the shop uninstalled. */
    record ReviewRequestCancelled(EventHeader header, String reason, OrderStatus previousStatus)
            implements DomainEvent {
    }

    /** Sending failed for good (bounce, rejected address). */
    record ReviewRequestFailed(EventHeader header, String reason, OrderStatus previousStatus)
            implements DomainEvent {
    }
}
