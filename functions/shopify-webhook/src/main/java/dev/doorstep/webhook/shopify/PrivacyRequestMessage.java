package dev.doorstep.webhook.shopify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.doorstep.core.intake.PrivacyRequest;
import dev.doorstep.lambda.Json;
import dev.doorstep.lambda.ShopMessageJson;
import java.util.ArrayList;
import java.util.List;

/**
 * A privacy request as an SQS message body: {@code {"kind","shop","customerId","orderIds"}}. Ids only;
 * Shopify's payload (which may carry the customer's email and phone) is not queued.
 */
public final class PrivacyRequestMessage {

    private PrivacyRequestMessage() {
    }

    public static String toJson(PrivacyRequest request) {
        ObjectNode json = Json.MAPPER.createObjectNode().put("kind", request.kind().name()).put("shop", request.shop())
                .put("requestedAt", request.requestedAt().toString());
        if (request.customerId() != null) {
            json.put("customerId", request.customerId());
        }
        request.orderIds().forEach(json.putArray("orderIds")::add);
        return json.toString();
    }

    /** @throws IllegalArgumentException with the reason when the body is not a privacy request */
    public static PrivacyRequest parse(String body) {
        JsonNode json = ShopMessageJson.read(body);
        PrivacyRequest.Kind kind;
        try {
            kind = PrivacyRequest.Kind.valueOf(json.path("kind").asText());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown \"kind\"");
        }
        List<String> orderIds = new ArrayList<>();
        json.path("orderIds").forEach(id -> orderIds.add(id.asText()));
        String customerId = json.path("customerId").isTextual() ? json.path("customerId").asText() : null;
        java.time.Instant requestedAt;
        try {
            requestedAt = java.time.Instant.parse(json.path("requestedAt").asText());
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException("\"requestedAt\" is not an ISO-8601 instant");
        }
        return new PrivacyRequest(kind, json.path("shop").asText(), customerId, orderIds, requestedAt);
    }
}
