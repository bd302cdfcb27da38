package dev.doorstep.lambda;

import com.fasterxml.jackson.databind.JsonNode;

/** The JSON body of a queue message about one shop, read the same way by every queue's worker. */
public final class ShopMessageJson {

    private ShopMessageJson() {
    }

    /** @throws IllegalArgumentException with the reason when the body is not JSON or names no {@code "shop"} */
    public static JsonNode read(String body) {
        JsonNode json;
        try {
            json = Json.MAPPER.readTree(body == null ? "" : body);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("the body is not JSON");
        }
        if (json == null || !json.path("shop").isTextual() || json.path("shop").asText().isBlank()) {
            throw new IllegalArgumentException("the body has no \"shop\"");
        }
        return json;
    }
}
