package dev.doorstep.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.doorstep.lambda.Json;
import dev.doorstep.local.ShopifyWebhookSender.FulfilledOrder;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A send held because SES refuses our set-up (here: the sender identity gone) is tried again at the time its
 * reason names, by its own schedule, and goes out then once the set-up is fixed, not at the next sweep.
 */
class LocalHeldRetryTest {

    private static final String SHOP = "held-retry-shop.myshopify.com";
    private static final String EMAIL = "held@example.com";
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aHeldSendIsRetriedAtTheTimeItsReasonNames() throws Exception {
        try (LocalRuntime runtime = LocalRuntime.start(0, LocalRuntime.DEFAULT_SHOPIFY_SECRET)) {
            URI base = URI.create("http://localhost:" + runtime.port());
            HttpResponse<String> saved = http.send(HttpRequest.newBuilder(base.resolve("/shops/" + SHOP + "/settings"))
                    .PUT(HttpRequest.BodyPublishers.ofString("{\"aftershipEnabled\":false}"))
                    .header("content-type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
            assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);
            new ShopifyWebhookSender(base, LocalRuntime.DEFAULT_SHOPIFY_SECRET).send(new FulfilledOrder(SHOP, 7001,
                    "#7001", null, null, "US", runtime.now(), "Held Tester", EMAIL, "Lantern"));
            runtime.advance(Duration.ofMinutes(1));
            JsonNode planned = reviewRequest(base);
            assertThat(planned.path("status").asText()).as(planned.toString()).isEqualTo("SCHEDULED");
            Instant sendAt = Instant.parse(planned.path("sendAt").asText());

            // The mail set-up breaks: SES no longer knows the sender.
            runtime.aws().ses.deleteEmailIdentity(b -> b.emailIdentity(LocalAws.SENDER));
            runtime.advance(Duration.between(runtime.now(), sendAt.plusSeconds(30)));

            JsonNode held = reviewRequest(base);
            String reason = held.path("reason").asText();
            assertThat(reason).startsWith("held until the mail set-up is fixed: ");
            Matcher named = Pattern.compile("; trying again at (\\S+)$").matcher(reason);
            assertThat(named.find()).as(reason).isTrue();
            Instant retryAt = Instant.parse(named.group(1));
            assertThat(retryAt).isBetween(sendAt.plus(Duration.ofMinutes(15)),
                    sendAt.plus(Duration.ofMinutes(20)));
            assertThat(Instant.parse(held.path("sendAt").asText())).isEqualTo(retryAt);
            assertThat(sentTo(runtime)).isZero();

            // Fixed; the retry goes at its time, well before the sweep would (an hour past it, at a poll).
            runtime.aws().ses.createEmailIdentity(b -> b.emailIdentity(LocalAws.SENDER));
            runtime.advance(Duration.between(runtime.now(), retryAt.minusSeconds(5)));
            assertThat(sentTo(runtime)).as("not before its time").isZero();
            runtime.advance(Duration.ofSeconds(65));

            assertThat(sentTo(runtime)).isEqualTo(1);
            assertThat(reviewRequest(base).path("status").asText()).isEqualTo("SENT");
            runtime.advance(Duration.ofHours(13));
            assertThat(sentTo(runtime)).as("the sweep sends nothing more").isEqualTo(1);
        }
    }

    private static long sentTo(LocalRuntime runtime) {
        return runtime.emails().stream().filter(m -> ((List<?>) m.get("to")).contains(EMAIL)).count();
    }

    private JsonNode reviewRequest(URI base) throws Exception {
        String body = http.send(HttpRequest.newBuilder(base.resolve("/shops/" + SHOP + "/review-requests")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        JsonNode requests = Json.MAPPER.readTree(body).path("reviewRequests");
        assertThat(requests).as(body).hasSize(1);
        return requests.get(0);
    }
}
