package dev.doorstep.poller;

import com.fasterxml.jackson.databind.JsonNode;
import dev.doorstep.core.model.OrderKey;
import dev.doorstep.lambda.Json;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * An order's wake-up, as its schedule sends it: {@code {"wakeUp":{"shop","orderId","at"}}}. {@code at} is
 * only for the logs; what is due is read from the order.
 */
record WakeUpMessage(OrderKey order, Instant at) {

    /** Empty when the body is not a wake-up (a shop poll message, or not JSON at all). */
    static Optional<WakeUpMessage> parse(String body) {
        JsonNode json;
        try {
            json = Json.MAPPER.readTree(body == null ? "" : body);
        } catch (java.io.IOException e) {
            return Optional.empty();
        }
        JsonNode wakeUp = json == null ? null : json.get("wakeUp");
        if (wakeUp == null || !wakeUp.path("shop").isTextual() || !wakeUp.path("orderId").isTextual()
                || wakeUp.path("shop").asText().isBlank() || wakeUp.path("orderId").asText().isBlank()) {
            return Optional.empty();
        }
        Instant at;
        try {
            at = wakeUp.path("at").isTextual() ? Instant.parse(wakeUp.path("at").asText()) : null;
        } catch (DateTimeParseException e) {
            at = null;
        }
        return Optional.of(new WakeUpMessage(new OrderKey(wakeUp.path("shop").asText(), wakeUp.path("orderId").asText()),
                at));
    }
}
