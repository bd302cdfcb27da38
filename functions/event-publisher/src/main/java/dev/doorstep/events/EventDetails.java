package dev.doorstep.events;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.doorstep.core.events.DomainEvent;
import dev.doorstep.core.events.DomainEvent.DeliverySeen;
import dev.doorstep.core.events.DomainEvent.OrderReceived;
import dev.doorstep.core.events.DomainEvent.ReviewRequestCancelled;
import dev.doorstep.core.events.DomainEvent.ReviewRequestFailed;
import dev.doorstep.core.events.DomainEvent.ReviewRequestScheduled;
import dev.doorstep.core.events.DomainEvent.ReviewRequestSent;
import dev.doorstep.core.events.DomainEvent.ReviewRequestSkipped;
import dev.doorstep.core.events.DomainEvent.TrackingCreated;
import dev.doorstep.core.events.DomainEvent.TrackingFailed;
import dev.doorstep.core.events.EventHeader;
import dev.doorstep.core.model.OrderStatus;
import dev.doorstep.lambda.Json;
import java.time.Instant;
import java.util.Locale;

/**
 * An event's EventBridge {@code detail}: exactly the fields of docs/events/{detailType}.v1.json.
 * Absent values are left out rather than written as null.
 */
final class EventDetails {

    /** Bumped, with a new schema file beside the old one, only for a change that breaks consumers. */
    static final int SCHEMA_VERSION = 1;

    private EventDetails() {
    }

    static ObjectNode of(DomainEvent event) {
        ObjectNode detail = header(event.header());
        switch (event) {
            case OrderReceived e -> time(detail, "fulfilledAt", e.fulfilledAt());
            case TrackingCreated e -> {
                text(detail, "trackingId", e.trackingId());
                time(detail, "fallbackDeadline", e.fallbackDeadline());
            }
            case TrackingFailed e -> {
                text(detail, "failure", e.failure());
                text(detail, "reason", e.reason());
                detail.put("attempts", e.attempts());
                detail.put("willRetry", e.retryAt() != null);
                time(detail, "retryAt", e.retryAt());
            }
            case DeliverySeen e -> {
                time(detail, "deliveredAt", e.deliveredAt());
                if (e.source() != null) {
                    detail.put("source", e.source().name().toLowerCase(Locale.ROOT));
                }
            }
            case ReviewRequestScheduled e -> {
                time(detail, "sendAt", e.sendAt());
                if (e.timing() != null) {
                    detail.put("timing", e.timing().name());
                }
                text(detail, "reason", e.reason());
            }
            case ReviewRequestSent e -> text(detail, "messageId", e.messageId());
            case ReviewRequestSkipped e -> ending(detail, e.reason(), e.previousStatus());
            case ReviewRequestCancelled e -> ending(detail, e.reason(), e.previousStatus());
            case ReviewRequestFailed e -> ending(detail, e.reason(), e.previousStatus());
        }
        return detail;
    }

    private static ObjectNode header(EventHeader h) {
        ObjectNode detail = Json.MAPPER.createObjectNode();
        detail.put("schemaVersion", SCHEMA_VERSION);
        detail.put("eventId", h.eventId());
        detail.put("shop", h.order().shop());
        detail.put("orderId", h.order().orderId());
        text(detail, "orderNumber", h.orderNumber());
        detail.put("sequence", h.sequence());
        time(detail, "occurredAt", h.occurredAt());
        return detail;
    }

    private static void ending(ObjectNode detail, String reason, OrderStatus previous) {
        text(detail, "reason", reason);
        detail.put("previousStatus", previous.name());
    }

    private static void text(ObjectNode detail, String name, String value) {
        if (value != null) {
            detail.put(name, value);
        }
    }

    private static void time(ObjectNode detail, String name, Instant value) {
        if (value != null) {
            detail.put(name, value.toString());
        }
    }
}
