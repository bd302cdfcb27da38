package dev.doorstep.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.doorstep.lambda.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The README's run command, end to end over HTTP: the demo walks three orders through the local
 * runtime, and the clock routes answer as documented.
 */
class LocalRuntimeTest {

    private static LocalRuntime runtime;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        runtime = LocalRuntime.start(0, LocalRuntime.DEFAULT_SHOPIFY_SECRET);
    }

    @AfterAll
    static void stop() {
        runtime.close();
    }

    private static JsonNode call(String method, String path) throws Exception {
        return Json.MAPPER.readTree(send(method, path).body());
    }

    private static HttpResponse<String> send(String method, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + runtime.port() + path))
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theDemoTakesOrdersFromWaitingForDeliveryToSentAndTheEmailCanBeRead() throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        java.time.Instant started = runtime.now();

        new Demo(runtime, LocalRuntime.DEFAULT_SHOPIFY_SECRET, new PrintStream(printed, true, StandardCharsets.UTF_8))
                .run();

        String story = printed.toString(StandardCharsets.UTF_8);
        assertThat(story).contains("Waiting for delivery").contains("Will send").contains("Sent");
        assertThat(story).as("the shop installs by token exchange").contains("installed as \"Demo Outdoor\"");
        JsonNode requests = call("GET", "/shops/" + Demo.SHOP + "/review-requests").path("reviewRequests");
        assertThat(requests).hasSize(3);
        assertThat(requests).allSatisfy(r -> assertThat(r.path("statusLabel").asText()).isEqualTo("Sent"));
        JsonNode emails = call("GET", "/_local/emails");
        assertThat(emails).hasSize(3);
        assertThat(emails.findValuesAsText("subject")).allSatisfy(s -> assertThat(s).contains("Demo Outdoor"));
        assertThat(emails.get(0).path("headers").path("List-Unsubscribe-Post").asText())
                .isEqualTo("List-Unsubscribe=One-Click");
        assertThat(emails.get(0).path("text").asText()).contains("review");
        assertThat(emails.findValuesAsText("text")).as("each links its product's page")
                .anySatisfy(t -> assertThat(t).contains("/products/trail-running-shoe"));
        JsonNode events = call("GET", "/_local/events");
        assertThat(events.findValuesAsText("detail-type")).contains("OrderReceived", "TrackingCreated",
                "DeliverySeen", "ReviewRequestScheduled", "ReviewRequestSent");
        assertThat(events.toString()).doesNotContain("ada@example.com");
        // The Date header is the local clock's (a week and more after the start), not the wall clock's.
        for (JsonNode email : emails) {
            java.time.Instant date = java.time.ZonedDateTime.parse(email.path("headers").path("Date").asText(),
                    java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            assertThat(date).isAfter(started.plus(Duration.ofDays(6))).isBeforeOrEqualTo(runtime.now());
        }
    }

    @Test
    void aRouteCalledWithAnotherMethodAnswers405WithAllow() throws Exception {
        HttpResponse<String> webhook = send("GET", "/webhooks/shopify");
        HttpResponse<String> advance = send("GET", "/_local/clock/advance?by=PT1H");
        HttpResponse<String> clock = send("POST", "/_local/clock");

        assertThat(webhook.statusCode()).isEqualTo(405);
        assertThat(webhook.headers().firstValue("Allow")).hasValue("POST");
        assertThat(advance.statusCode()).isEqualTo(405);
        assertThat(advance.headers().firstValue("Allow")).hasValue("POST");
        assertThat(clock.statusCode()).isEqualTo(405);
        assertThat(clock.headers().firstValue("Allow")).hasValue("GET");
        assertThat(send("GET", "/nowhere").statusCode()).isEqualTo(404);
    }

    @Test
    void advanceWithoutByIsRefusedAndTheClockStays() throws Exception {
        String before = call("GET", "/_local/clock").path("now").asText();

        HttpResponse<String> advance = send("POST", "/_local/clock/advance");

        assertThat(advance.statusCode()).isEqualTo(400);
        assertThat(advance.body()).contains("by=PT12H");
        assertThat(call("GET", "/_local/clock").path("now").asText()).isEqualTo(before);
    }

    @Test
    void theClockOnlyMovesForwardAndAnswersWhatFired() throws Exception {
        String before = call("GET", "/_local/clock").path("now").asText();

        JsonNode moved = call("POST", "/_local/clock/advance?by=PT1H");

        assertThat(java.time.Instant.parse(moved.path("now").asText()))
                .isEqualTo(java.time.Instant.parse(before).plus(Duration.ofHours(1)));
        assertThat(call("POST", "/_local/clock/advance?by=-PT1H").path("reason").asText()).contains("forward");
        assertThat(call("POST", "/_local/clock/advance?by=tomorrow").path("reason").asText()).contains("ISO-8601");
    }
}
