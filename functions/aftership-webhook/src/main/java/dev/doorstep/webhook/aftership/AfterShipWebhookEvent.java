package dev.doorstep.webhook.aftership;

import com.fasterxml.jackson.databind.JsonNode;
import dev.doorstep.core.delivery.Checkpoint;
import dev.doorstep.core.tracking.DeliveryTag;
import dev.doorstep.core.tracking.TrackedShipment;
import dev.doorstep.lambda.Json;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * An AfterShip tracking webhook body, {@code {event, event_id, is_tracking_first_tag, msg, ts}}, with
 * {@code msg} the tracking in the webhook version's shape (reference/aftership.md §7).
 *
 * @param shopInBody the shop our tracking creation put in {@code custom_fields.doorstep_shop}, or null
 */
record AfterShipWebhookEvent(String eventId, String event, TrackedShipment tracking, String shopInBody) {

    /** @throws IllegalArgumentException with what is wrong, for the 400 answer */
    static AfterShipWebhookEvent parse(byte[] body) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(body);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("the body is not JSON");
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("the body is not a JSON object");
        }
        String eventId = root.path("event_id").asText("");
        if (eventId.isBlank()) {
            throw new IllegalArgumentException("event_id is missing");
        }
        JsonNode msg = root.path("msg");
        if (!msg.isObject() || msg.path("id").asText("").isBlank()) {
            throw new IllegalArgumentException("msg is not a tracking (no id)");
        }
        List<Checkpoint> checkpoints = new ArrayList<>();
        for (JsonNode c : msg.path("checkpoints")) {
            checkpoints.add(new Checkpoint(instant(c.path("checkpoint_time").asText(null)), c.path("tag").asText(null),
                    c.path("subtag").asText(null), c.path("message").asText(null)));
        }
        TrackedShipment tracking = new TrackedShipment(msg.path("id").asText(), msg.path("tracking_number").asText(null),
                msg.path("slug").asText(null), blankToNull(msg.path("order_id").asText(null)),
                DeliveryTag.fromWire(msg.path("tag").asText(null)), msg.path("subtag").asText(null),
                instant(msg.path("shipment_delivery_date").asText(null)), instant(msg.path("updated_at").asText(null)),
                checkpoints);
        return new AfterShipWebhookEvent(eventId, root.path("event").asText(null), tracking,
                blankToNull(msg.path("custom_fields").path("doorstep_shop").asText(null)));
    }

    /**
     * AfterShip's times: with an offset, or zone-less in the recipient's local time, or a bare date
     * (reference §5.3). Zone-less ones are read as UTC, a few hours at most, which day-based timing
     * tolerates; unreadable ones are null.
     */
    static Instant instant(String value) {
        if (value == null || value.isBlank() || value.equals("null")) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            // zone-less forms below
        }
        try {
            return LocalDateTime.parse(value).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            // a bare date below
        }
        try {
            return LocalDate.parse(value).atStartOfDay().toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() || s.equals("null") ? null : s;
    }
}
