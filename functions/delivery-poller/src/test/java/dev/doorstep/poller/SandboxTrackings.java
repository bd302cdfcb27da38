package dev.doorstep.poller;

import com.fasterxml.jackson.databind.JsonNode;
import dev.doorstep.aftership.sandbox.AfterShipSandbox;
import dev.doorstep.lambda.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * Creates trackings in the sandbox the way AfterShip's API is called (HTTP, 2026-07 shape), for test
 * set-up; straight to the wire, so set-up does not wait on the client's own rate limiting.
 */
final class SandboxTrackings {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private SandboxTrackings() {
    }

    /** @return AfterShip's tracking id */
    static String create(AfterShipSandbox sandbox, String apiKey, String number, String orderId) {
        String body = Json.MAPPER.createObjectNode().put("tracking_number", number).put("slug", "ups")
                .put("order_id", orderId).toString();
        HttpRequest request = HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + "/tracking/2026-07/trackings"))
                .header("as-api-key", apiKey).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode json = Json.MAPPER.readTree(response.body());
            if (response.statusCode() != 201) {
                throw new IllegalStateException("sandbox answered " + response.statusCode() + ": " + response.body());
            }
            return json.path("data").path("id").asText();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
