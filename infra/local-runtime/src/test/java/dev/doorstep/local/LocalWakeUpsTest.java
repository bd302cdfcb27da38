package dev.doorstep.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.doorstep.aftership.sandbox.AfterShipSandbox;
import dev.doorstep.lambda.Json;
import dev.doorstep.local.ShopifyWebhookSender.FulfilledOrder;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The local runtime keeps the promised times as AWS does: a failed tracking creation's "one more try at T"
 * happens at T (its wake-up schedule, through the poll queue and its worker), not at the next 12-hourly poll.
 */
class LocalWakeUpsTest {

    private static final String SHOP = "wake-up-shop.myshopify.com";
    private static final String NUMBER = "1ZINVALIDWAKEUP1";
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aTrackingRetryHappensAtItsPromisedTimeNotAtTheNextPoll() throws Exception {
        try (LocalRuntime runtime = LocalRuntime.start(0, LocalRuntime.DEFAULT_SHOPIFY_SECRET)) {
            URI base = URI.create("http://localhost:" + runtime.port());
            Instant started = runtime.now();
            HttpResponse<String> saved = http.send(HttpRequest.newBuilder(base.resolve("/shops/" + SHOP + "/settings"))
                    .PUT(HttpRequest.BodyPublishers.ofString("{\"aftershipEnabled\":true,\"aftershipApiKey\":\"wake-key\"}"))
                    .header("content-type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
            assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);
            // An hour in, so that the promised time (12 h later) falls between two polls.
            runtime.advance(Duration.ofHours(1));

            new ShopifyWebhookSender(base, LocalRuntime.DEFAULT_SHOPIFY_SECRET).send(new FulfilledOrder(SHOP, 5001,
                    "#5001", NUMBER, "UPS", "US", runtime.now(), "Wake Tester", "wake@example.com", "Lantern"));
            runtime.advance(Duration.ofMinutes(1));

            AfterShipSandbox sandbox = runtime.sandbox().orElseThrow();
            assertThat(creates(sandbox)).as("the first attempt").isEqualTo(1);
            String reason = reviewRequest(base).path("reason").asText();
            Matcher promised = Pattern.compile("one more try at (\\S+)").matcher(reason);
            assertThat(promised.find()).as(reason).isTrue();
            Instant retryAt = Instant.parse(promised.group(1));
            Instant nextPoll = started.plus(LocalRuntime.POLL_INTERVAL.multipliedBy(2));
            assertThat(retryAt).as("promised between the polls").isBefore(nextPoll);

            runtime.advance(Duration.between(runtime.now(), retryAt.plus(Duration.ofMinutes(1))));

            assertThat(runtime.now()).isBefore(nextPoll);
            assertThat(creates(sandbox)).as("the second attempt, at the promised time").isEqualTo(2);
            assertThat(reviewRequest(base).path("reason").asText()).doesNotContain("one more try");
        }
    }

    private static long creates(AfterShipSandbox sandbox) {
        return sandbox.requests().stream()
                .filter(r -> r.method().equals("POST") && r.path().endsWith("/trackings")
                        && r.body() != null && r.body().contains(NUMBER))
                .count();
    }

    private JsonNode reviewRequest(URI base) throws Exception {
        String body = http.send(HttpRequest.newBuilder(base.resolve("/shops/" + SHOP + "/review-requests")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        JsonNode requests = Json.MAPPER.readTree(body).path("reviewRequests");
        assertThat(requests).as(body).hasSize(1);
        return requests.get(0);
    }
}
