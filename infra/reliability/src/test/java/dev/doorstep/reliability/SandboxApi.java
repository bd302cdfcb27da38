package dev.doorstep.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import dev.doorstep.aftership.sandbox.AfterShipSandbox;
import dev.doorstep.lambda.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

/** The sandbox's control API over HTTP ({@code GET /sandbox/trackings}). */
final class SandboxApi {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private SandboxApi() {
    }

    static List<JsonNode> trackings(AfterShipSandbox sandbox) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                    URI.create(sandbox.baseUrl() + "/sandbox/trackings")).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            List<JsonNode> out = new ArrayList<>();
            Json.MAPPER.readTree(response.body()).forEach(out::add);
            return out;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
