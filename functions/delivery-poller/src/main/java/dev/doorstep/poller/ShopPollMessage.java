package dev.doorstep.poller;

import com.fasterxml.jackson.databind.JsonNode;
import dev.doorstep.lambda.Json;
import dev.doorstep.lambda.ShopMessageJson;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Objects;

/**
 * One queued shop poll: which shop, and the start of the poll cycle it belongs to (the window's end
 * and the checkpoint it records). Every copy of a cycle's message carries the same start, so a
 * duplicate delivery reads the same window and changes nothing.
 */
record ShopPollMessage(String shop, Instant pollStart) {

    ShopPollMessage {
        Objects.requireNonNull(shop, "shop");
        Objects.requireNonNull(pollStart, "pollStart");
    }

    String toJson() {
        return Json.MAPPER.createObjectNode().put("shop", shop).put("pollStart", pollStart.toString()).toString();
    }

    /** @throws IllegalArgumentException with the reason when the body is not a shop poll message */
    static ShopPollMessage parse(String body) {
        JsonNode json = ShopMessageJson.read(body);
        try {
            return new ShopPollMessage(json.path("shop").asText(), Instant.parse(json.path("pollStart").asText()));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("\"pollStart\" is not an ISO-8601 instant");
        }
    }
}
