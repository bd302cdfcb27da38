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
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The local runtime keeps the promised times as AWS does: a failed tracking creation's "one more try at T"
 * happens at T (its wake-up schedule, through the wake-up queue and its worker), not at the next 12-hourly poll;
 * a parcel never seen delivered is asked about at its fallback deadline ({@code fulfilledAt + fallbackDays}),
 * the time the status page showed, not up to 12 hours later; a delivery before the deadline is the only send.
 */
class LocalWakeUpsTest {

    private static final String SHOP = "wake-up-shop.myshopify.com";
    private static final String NUMBER = "1ZINVALIDWAKEUP1";
    private static final String FALLBACK_SHOP = "fallback-shop.myshopify.com";
    private static final String WEBHOOK_SECRET = "fallback-webhook-secret";
    /** A 3-day fallback (the setting may be as short as the longest minimum delay): the 60 days run the same way. */
    private static final String SHORT_FALLBACK = "\"aftershipEnabled\":true,\"aftershipApiKey\":\"fallback-key\","
            + "\"aftershipWebhookSecret\":\"" + WEBHOOK_SECRET + "\",\"fallbackDays\":3,"
            + "\"minDelayDomesticDays\":1,\"minDelayInternationalDays\":1";
    /** Shop polls waiting on the poll queue, as at a poll cycle's start with many shops. */
    private static final int QUEUED_SHOP_POLLS = 200;
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

    /**
     * As in AWS, the wake-up comes through its own queue: a poll cycle's shop polls still waiting on the poll
     * queue (none read) do not hold it back.
     */
    @Test
    void aTrackingRetryIsNotHeldBackByShopPollsWaitingOnThePollQueue() throws Exception {
        try (LocalRuntime runtime = LocalRuntime.start(0, LocalRuntime.DEFAULT_SHOPIFY_SECRET)) {
            URI base = URI.create("http://localhost:" + runtime.port());
            HttpResponse<String> saved = http.send(HttpRequest.newBuilder(base.resolve("/shops/" + SHOP + "/settings"))
                    .PUT(HttpRequest.BodyPublishers.ofString("{\"aftershipEnabled\":true,\"aftershipApiKey\":\"wake-key\"}"))
                    .header("content-type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
            assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);
            runtime.advance(Duration.ofHours(1));
            new ShopifyWebhookSender(base, LocalRuntime.DEFAULT_SHOPIFY_SECRET).send(new FulfilledOrder(SHOP, 5002,
                    "#5002", NUMBER, "UPS", "US", runtime.now(), "Wake Tester", "wake@example.com", "Lantern"));
            runtime.advance(Duration.ofMinutes(1));
            Matcher promised = Pattern.compile("one more try at (\\S+)").matcher(reviewRequest(base).path("reason").asText());
            assertThat(promised.find()).isTrue();
            Instant retryAt = Instant.parse(promised.group(1));
            AfterShipSandbox sandbox = runtime.sandbox().orElseThrow();
            assertThat(creates(sandbox)).as("the first attempt").isEqualTo(1);

            // Past the 12-hourly poll before the retry, so that nothing but the wake-up runs until after it.
            runtime.advance(Duration.between(runtime.now(), retryAt.minusSeconds(30)));
            assertThat(creates(sandbox)).as("not yet").isEqualTo(1);
            LocalAws aws = runtime.aws();
            for (int i = 0; i < QUEUED_SHOP_POLLS; i++) {
                String body = "{\"shop\":\"queued-" + i + ".myshopify.com\",\"pollStart\":\"" + runtime.now() + "\"}";
                aws.sqs.sendMessage(b -> b.queueUrl(aws.pollQueueUrl).messageBody(body));
            }
            List<String> fired = runtime.advance(Duration.between(runtime.now(), retryAt.plus(Duration.ofMinutes(1))));

            assertThat(fired).anyMatch(f -> f.contains("woke up 1 order"));
            assertThat(creates(sandbox)).as("the second attempt, at the promised time").isEqualTo(2);
            assertThat(aws.sqs.getQueueAttributes(b -> b.queueUrl(aws.pollQueueUrl)
                            .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)).attributes()
                    .get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                    .as("the shop polls, still waiting").isEqualTo(String.valueOf(QUEUED_SHOP_POLLS));
        }
    }

    @Test
    void aParcelNeverDeliveredIsRequestedAtTheFallbackDeadlineTheStatusPageShowed() throws Exception {
        try (LocalRuntime runtime = LocalRuntime.start(0, LocalRuntime.DEFAULT_SHOPIFY_SECRET)) {
            URI base = URI.create("http://localhost:" + runtime.port());
            Instant started = runtime.now();
            saveSettings(base, "{" + SHORT_FALLBACK + "}");
            // Three hours in, so that the deadline (3 days later) falls three hours after a poll, nine before the next.
            runtime.advance(Duration.ofHours(3));
            Instant fulfilledAt = runtime.now().truncatedTo(ChronoUnit.SECONDS);
            fulfill(base, 6001, "1ZTRANSITFALLBACK1", fulfilledAt);
            runtime.advance(Duration.ofMinutes(1));

            JsonNode waiting = reviewRequest(base, FALLBACK_SHOP);
            assertThat(waiting.path("status").asText()).as(waiting.toString()).isEqualTo("WAITING_FOR_DELIVERY");
            Instant deadline = fulfilledAt.plus(Duration.ofDays(3));
            assertThat(waiting.path("fallbackDeadline").asText()).as("the status page names the deadline")
                    .isEqualTo(deadline.toString());
            Instant pollBefore = started.plus(LocalRuntime.POLL_INTERVAL.multipliedBy(6));
            Instant pollAfter = pollBefore.plus(LocalRuntime.POLL_INTERVAL);
            assertThat(deadline).as("between two polls").isAfter(pollBefore.plus(Duration.ofHours(1)))
                    .isBefore(pollAfter.minus(Duration.ofHours(1)));

            advanceTo(runtime, deadline.minus(Duration.ofMinutes(1)));
            JsonNode planned = reviewRequest(base, FALLBACK_SHOP);
            assertThat(planned.path("status").asText()).as(planned.toString()).isEqualTo("SCHEDULED");
            assertThat(planned.path("sendReason").asText()).isEqualTo("FALLBACK");
            assertThat(planned.path("sendAt").asText()).as("the time shown while waiting")
                    .isEqualTo(deadline.toString());
            advanceTo(runtime, deadline.minusSeconds(1));
            assertThat(runtime.emails()).as("not before the deadline").isEmpty();

            // Locally TTL deletes the FALLBACK entry on time, but what it plans then is scheduled a minute out:
            // only the wake-up (2 minutes early) sends within the deadline's minute.
            advanceTo(runtime, deadline.plusSeconds(59));
            assertThat(runtime.emails()).as("within the deadline's minute").hasSize(1);
            assertThat(sentAt(reviewRequest(base, FALLBACK_SHOP))).isBetween(deadline, deadline.plusSeconds(59));
            assertThat(runtime.now()).isBefore(pollAfter);
        }
    }

    @Test
    void aDeliveryBeforeTheDeadlineIsTheOnlySendAndTheFallbackWakeUpSendsNothingMore() throws Exception {
        try (LocalRuntime runtime = LocalRuntime.start(0, LocalRuntime.DEFAULT_SHOPIFY_SECRET)) {
            URI base = URI.create("http://localhost:" + runtime.port());
            saveSettings(base, "{" + SHORT_FALLBACK + ",\"waitDaysAfterDelivery\":1}");
            runtime.advance(Duration.ofHours(3));
            Instant fulfilledAt = runtime.now().truncatedTo(ChronoUnit.SECONDS);
            fulfill(base, 6002, "1ZTRANSITBYHAND2", fulfilledAt);
            runtime.advance(Duration.ofMinutes(1));
            Instant deadline = fulfilledAt.plus(Duration.ofDays(3));

            // Past the poll whose sweep sets the deadline's wake-up (2 minutes before it): 2 hours before the deadline.
            advanceTo(runtime, deadline.minus(Duration.ofHours(2)));
            assertThat(reviewRequest(base, FALLBACK_SHOP).path("status").asText())
                    .isEqualTo("WAITING_FOR_DELIVERY");
            assertThat(wakeUps(runtime)).as("the deadline's wake-up is set").hasSize(1);

            // AfterShip reports a delivery of a day ago (a late scan): delivery timing is a minute before the
            // deadline, so the wake-up fires while that request still waits for its time.
            AfterShipSandbox sandbox = runtime.sandbox().orElseThrow();
            String trackingId = sandbox.trackingIds().getFirst();
            Instant deliveredAt = deadline.minus(Duration.ofDays(1)).minus(Duration.ofMinutes(1));
            Instant deliveryTiming = deliveredAt.plus(Duration.ofDays(1));
            assertThat(sandbox.deliver(trackingId, deliveredAt)).isTrue();
            assertThat(sandbox.sendWebhook(trackingId, base.resolve("/webhooks/aftership?shop=" + FALLBACK_SHOP),
                    WEBHOOK_SECRET, false)).isEqualTo(200);
            JsonNode planned = reviewRequest(base, FALLBACK_SHOP);
            assertThat(planned.path("status").asText()).as(planned.toString()).isEqualTo("SCHEDULED");
            assertThat(planned.path("sendReason").asText()).isEqualTo("DELIVERY_BASED");
            assertThat(planned.path("sendAt").asText()).isEqualTo(deliveryTiming.toString());
            assertThat(wakeUps(runtime)).as("the wake-up is still set").hasSize(1);

            List<String> fired = advanceTo(runtime, deadline.minus(Duration.ofSeconds(90)));
            assertThat(fired).as("the wake-up fired").anyMatch(f -> f.contains("woke up 1 order"));
            JsonNode afterWakeUp = reviewRequest(base, FALLBACK_SHOP);
            assertThat(afterWakeUp.path("sendReason").asText()).as(afterWakeUp.toString())
                    .isEqualTo("DELIVERY_BASED");
            assertThat(afterWakeUp.path("sendAt").asText()).isEqualTo(deliveryTiming.toString());
            assertThat(runtime.emails()).isEmpty();

            advanceTo(runtime, deadline.plus(Duration.ofDays(1)));
            assertThat(runtime.emails()).as("one email, the delivery's").hasSize(1);
            assertThat(sentAt(reviewRequest(base, FALLBACK_SHOP))).as("on delivery timing")
                    .isEqualTo(deliveryTiming);
        }
    }

    private void saveSettings(URI base, String json) throws Exception {
        HttpResponse<String> saved = http.send(HttpRequest.newBuilder(
                        base.resolve("/shops/" + FALLBACK_SHOP + "/settings"))
                .PUT(HttpRequest.BodyPublishers.ofString(json))
                .header("content-type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);
    }

    private static void fulfill(URI base, long orderId, String trackingNumber, Instant at) throws Exception {
        HttpResponse<String> taken = new ShopifyWebhookSender(base, LocalRuntime.DEFAULT_SHOPIFY_SECRET).send(
                new FulfilledOrder(FALLBACK_SHOP, orderId, "#" + orderId, trackingNumber, "UPS", "US", at,
                        "Fallback Tester", "fallback@example.com", "Lantern"));
        assertThat(taken.statusCode()).as(taken.body()).isEqualTo(200);
    }

    private static List<String> advanceTo(LocalRuntime runtime, Instant to) {
        return runtime.advance(Duration.between(runtime.now(), to));
    }

    /** The order wake-ups (wu_/wh_) in the emulator's schedule group. */
    private static List<String> wakeUps(LocalRuntime runtime) {
        return runtime.aws().scheduler.listSchedulesPaginator(b -> b.groupName(LocalAws.SCHEDULE_GROUP)).schedules()
                .stream().map(s -> s.name()).filter(n -> n.startsWith("wu_") || n.startsWith("wh_")).toList();
    }

    /** When the status page's timeline says the request was sent. */
    private static Instant sentAt(JsonNode request) {
        for (JsonNode change : request.path("timeline")) {
            if (change.path("status").asText().equals("SENT")) {
                return Instant.parse(change.path("at").asText());
            }
        }
        throw new AssertionError("not sent: " + request);
    }

    private static long creates(AfterShipSandbox sandbox) {
        return sandbox.requests().stream()
                .filter(r -> r.method().equals("POST") && r.path().endsWith("/trackings")
                        && r.body() != null && r.body().contains(NUMBER))
                .count();
    }

    private JsonNode reviewRequest(URI base) throws Exception {
        return reviewRequest(base, SHOP);
    }

    private JsonNode reviewRequest(URI base, String shop) throws Exception {
        String body = http.send(HttpRequest.newBuilder(base.resolve("/shops/" + shop + "/review-requests")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        JsonNode requests = Json.MAPPER.readTree(body).path("reviewRequests");
        assertThat(requests).as(body).hasSize(1);
        return requests.get(0);
    }
}
