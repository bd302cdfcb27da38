package dev.doorstep.webhook.aftership;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.doorstep.aftership.TrackingJson;
import dev.doorstep.core.tracking.TrackedShipment;
import dev.doorstep.lambda.Json;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * An AfterShip tracking webhook body, {@code {event, event_id, is_tracking_first_tag, msg, ts}}, with
 * {@code msg} the tracking in the webhook version's shape (reference/aftership.md §7).
 *
 * @param shopInBody the shop our tracking creation put in {@code custom_fields.doorstep_shop}, or null
 */
record AfterShipWebhookEvent(String eventId, String event, TrackedShipment tracking, String shopInBody) {

    /**
     * One JSON document and nothing after it, no key twice (which copy would count?). Read from text
     * decoded strictly as UTF-8 (RFC 8259 §8.1), so neither invalid bytes nor the UTF-16/32 that
     * Jackson would otherwise detect from the bytes get through.
     */
    private static final ObjectReader STRICT = Json.MAPPER.reader()
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .with(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    /** AfterShip's event ids are UUIDs; the id is part of a DynamoDB key: printable ASCII, bounded. */
    private static final Pattern EVENT_ID = Pattern.compile("[\\x21-\\x7E]{1,128}");

    /** @throws IllegalArgumentException with what is wrong, for the 400 answer */
    static AfterShipWebhookEvent parse(byte[] body) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("the body is not UTF-8");
        }
        JsonNode root;
        try {
            root = STRICT.readTree(text);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("the body is not JSON");
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("the body is not a JSON object");
        }
        JsonNode id = root.path("event_id");
        if (!id.isTextual() || id.asText().isBlank()) {
            throw new IllegalArgumentException("event_id is missing or not a string");
        }
        String eventId = id.asText();
        if (!EVENT_ID.matcher(eventId).matches()) {
            throw new IllegalArgumentException("event_id must be 1 to 128 printable ASCII characters");
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
