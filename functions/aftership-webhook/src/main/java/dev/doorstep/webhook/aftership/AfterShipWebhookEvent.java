package dev.doorstep.webhook.aftership;

import com.fasterxml.jackson.databind.JsonNode;
import dev.doorstep.aftership.TrackingJson;
import dev.doorstep.core.tracking.TrackedShipment;
import dev.doorstep.lambda.Json;

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
        TrackedShipment tracking = TrackingJson.shipment(msg);
        return new AfterShipWebhookEvent(eventId, root.path("event").asText(null), tracking,
                blankToNull(msg.path("custom_fields").path("doorstep_shop").asText(null)));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() || s.equals("null") ? null : s;
    }
}
