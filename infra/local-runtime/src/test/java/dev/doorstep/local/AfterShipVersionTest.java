package dev.doorstep.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code AFTERSHIP_API_VERSION} reaches the local functions' AfterShip client, as it does in AWS. */
class AfterShipVersionTest {

    @Test
    void theAfterShipApiVersionIsTheOneTheEnvironmentNames() throws Exception {
        try (LocalRuntime v4 = LocalRuntime.start(0, LocalRuntime.DEFAULT_SHOPIFY_SECRET, Story.silent(),
                Map.of("AFTERSHIP_API_VERSION", "v4"))) {
            HttpResponse<String> saved = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://localhost:" + v4.port() + "/shops/v4-shop.myshopify.com/settings"))
                    .PUT(HttpRequest.BodyPublishers.ofString("{\"aftershipEnabled\":true,\"aftershipApiKey\":\"v4-key\"}"))
                    .header("content-type", "application/json").build(), HttpResponse.BodyHandlers.ofString());

            assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);
            assertThat(v4.sandbox().orElseThrow().requests()).isNotEmpty()
                    .allSatisfy(r -> assertThat(r.version()).isEqualTo("v4"));
        }
    }
}
