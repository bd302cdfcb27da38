package dev.doorstep.scheduling;

import com.fasterxml.jackson.databind.JsonNode;
import dev.doorstep.lambda.Json;
import java.io.IOException;
import java.util.Optional;

/**
 * A requested backfill on the shop poll queue: {@code {"backfill":{"shop":"..."}}}, written by
 * {@link PollQueueBackfillRequests} and read by the ShopPollWorker next to shop polls and wake-ups.
 */
public record BackfillMessage(String shop) {

    public String body() {
        var json = Json.MAPPER.createObjectNode();
        json.putObject("backfill").put("shop", shop);
        return json.toString();
    }

    /** The request, if {@code body} is one (any other message kind is empty). */
    public static Optional<BackfillMessage> parse(String body) {
        try {
            JsonNode shop = body == null ? null : Json.MAPPER.readTree(body).path("backfill").path("shop");
            return shop != null && shop.isTextual() && !shop.asText().isBlank()
                    ? Optional.of(new BackfillMessage(shop.asText())) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
