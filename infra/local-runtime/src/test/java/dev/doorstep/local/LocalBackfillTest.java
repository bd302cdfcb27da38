package dev.doorstep.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.doorstep.aftership.sandbox.AfterShipSandbox;
import dev.doorstep.lambda.Json;
import dev.doorstep.shopify.standin.ShopifyStandIn;
import dev.doorstep.shopify.standin.StandInFulfillment;
import dev.doorstep.shopify.standin.StandInOrder;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The backfill, as a merchant meets it: installing or switching AfterShip on only <em>offers</em> to take in the
 * orders fulfilled in Shopify before (nothing is read or emailed unasked); accepting the offer reads them from
 * Shopify's Admin GraphQL API (the stand-in) and takes each in once, and the offer then shows what it did.
 * Accepting again adds nothing.
 */
class LocalBackfillTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void switchingAfterShipOnOffersTheBackfillAndAcceptingTakesInTheOrdersFulfilledBeforeOnceEach()
            throws Exception {
        String shop = "backfill-on.myshopify.com";
        try (LocalRuntime runtime = LocalRuntime.start(0, LocalRuntime.DEFAULT_SHOPIFY_SECRET)) {
            URI base = URI.create("http://localhost:" + runtime.port());
            ShopifyStandIn shopify = runtime.shopify().orElseThrow();
            assertThat(install(base, shopify, shop).statusCode()).isEqualTo(200);
            assertThat(orderIds(base, shop)).as("nothing in Shopify yet").isEmpty();
            Instant now = runtime.now();
            shopify.putOrder(shop, order("2001", now.minus(Duration.ofDays(3)), "1ZBACKFILLA1", "UPS"));
            shopify.putOrder(shop, order("2002", now.minus(Duration.ofDays(10)), "9400BACKFILLB2", "USPS"));
            shopify.putOrder(shop, order("2003", now.minus(Duration.ofDays(20)), null, null));
            shopify.putOrder(shop, order("2004", now.minus(Duration.ofDays(45)), "1ZTOOOLD4", "UPS"));
            shopify.putOrder(shop, new StandInOrder("2005", "#2005", "open@example.com", null, null, null, "US",
                    now, List.of(), List.of()));

            assertThat(switchOn(base, shop, true).statusCode()).isEqualTo(200);

            JsonNode offered = backfill(base, shop, "GET", 200);
            assertThat(offered.path("state").asText()).isEqualTo("OFFERED");
            assertThat(offered.path("occasion").asText()).isEqualTo("SWITCH_ON");
            assertThat(offered.path("timing").asText()).isEqualTo("delivery");
            assertThat(orderIds(base, shop)).as("offered, not taken in").isEmpty();
            AfterShipSandbox sandbox = runtime.sandbox().orElseThrow();
            assertThat(creates(sandbox, "1ZBACKFILLA1")).isZero();

            assertThat(backfill(base, shop, "POST", 202).path("state").asText()).isEqualTo("QUEUED");

            JsonNode done = backfill(base, shop, "GET", 200);
            assertThat(done.path("state").asText()).isEqualTo("DONE");
            assertThat(done.path("outcome").path("tracked").asInt()).isEqualTo(2);
            assertThat(done.path("outcome").path("scheduled").asInt()).isEqualTo(1);
            assertThat(done.path("outcome").path("alreadyKnown").asInt()).isZero();
            assertThat(orderIds(base, shop)).as("the shipped orders of the last 30 days")
                    .containsExactlyInAnyOrder("2001", "2002", "2003");
            assertThat(creates(sandbox, "1ZBACKFILLA1")).isEqualTo(1);
            assertThat(creates(sandbox, "9400BACKFILLB2")).isEqualTo(1);
            assertThat(creates(sandbox, "1ZTOOOLD4")).isZero();

            // Off and on again offers again; accepting again takes in nothing twice.
            assertThat(switchOn(base, shop, false).statusCode()).isEqualTo(200);
            assertThat(switchOn(base, shop, true).statusCode()).isEqualTo(200);
            assertThat(backfill(base, shop, "GET", 200).path("state").asText()).isEqualTo("OFFERED");
            backfill(base, shop, "POST", 202);

            JsonNode again = backfill(base, shop, "GET", 200);
            assertThat(again.path("state").asText()).isEqualTo("DONE");
            assertThat(again.path("outcome").path("alreadyKnown").asInt()).isEqualTo(3);
            assertThat(again.path("outcome").path("tracked").asInt()).isZero();
            assertThat(orderIds(base, shop)).containsExactlyInAnyOrder("2001", "2002", "2003");
            assertThat(creates(sandbox, "1ZBACKFILLA1")).isEqualTo(1);
            assertThat(creates(sandbox, "9400BACKFILLB2")).isEqualTo(1);
        }
    }

    @Test
    void installingOffersTheBackfillOnFulfillmentTimingUntilAfterShipIsOn() throws Exception {
        String shop = "backfill-install.myshopify.com";
        try (LocalRuntime runtime = LocalRuntime.start(0, LocalRuntime.DEFAULT_SHOPIFY_SECRET)) {
            URI base = URI.create("http://localhost:" + runtime.port());
            ShopifyStandIn shopify = runtime.shopify().orElseThrow();
            shopify.putOrder(shop, order("3001", runtime.now().minus(Duration.ofDays(2)), null, null));

            assertThat(install(base, shopify, shop).statusCode()).isEqualTo(200);

            JsonNode offered = backfill(base, shop, "GET", 200);
            assertThat(offered.path("state").asText()).isEqualTo("OFFERED");
            assertThat(offered.path("occasion").asText()).isEqualTo("INSTALL");
            assertThat(offered.path("timing").asText()).as("AfterShip is off at install").isEqualTo("fulfillment");
            assertThat(offered.path("explanation").asText()).contains("switch AfterShip on first");
            assertThat(orderIds(base, shop)).isEmpty();

            backfill(base, shop, "POST", 202);

            assertThat(orderIds(base, shop)).containsExactly("3001");
            assertThat(backfill(base, shop, "GET", 200).path("outcome").path("scheduled").asInt()).isEqualTo(1);
            // Opening the app again is no new install: no new offer, nothing more.
            assertThat(install(base, shopify, shop).statusCode()).isEqualTo(200);
            assertThat(backfill(base, shop, "GET", 200).path("state").asText()).isEqualTo("DONE");
            assertThat(orderIds(base, shop)).containsExactly("3001");
        }
    }

    @Test
    void aDeclinedOfferTakesNothingIn() throws Exception {
        String shop = "backfill-no.myshopify.com";
        try (LocalRuntime runtime = LocalRuntime.start(0, LocalRuntime.DEFAULT_SHOPIFY_SECRET)) {
            URI base = URI.create("http://localhost:" + runtime.port());
            ShopifyStandIn shopify = runtime.shopify().orElseThrow();
            shopify.putOrder(shop, order("4001", runtime.now().minus(Duration.ofDays(2)), "1ZDECLINED1", "UPS"));
            assertThat(install(base, shopify, shop).statusCode()).isEqualTo(200);

            assertThat(backfill(base, shop, "DELETE", 200).path("state").asText()).isEqualTo("DECLINED");
            assertThat(backfill(base, shop, "DELETE", 200).path("state").asText()).as("again: harmless")
                    .isEqualTo("DECLINED");

            assertThat(orderIds(base, shop)).isEmpty();
            assertThat(creates(runtime.sandbox().orElseThrow(), "1ZDECLINED1")).isZero();
            backfill(base, "unknown-shop.myshopify.com", "POST", 404);
        }
    }

    private static StandInOrder order(String id, Instant fulfilledAt, String number, String company) {
        return new StandInOrder(id, "#" + id, "buyer" + id + "@example.com", "c" + id, "Ada", "Lovelace", "US",
                fulfilledAt, List.of(new StandInFulfillment("f" + id, fulfilledAt, "SUCCESS", number, company)),
                List.of());
    }

    private HttpResponse<String> install(URI base, ShopifyStandIn shopify, String shop) throws Exception {
        return http.send(HttpRequest.newBuilder(base.resolve("/app/session")).POST(HttpRequest.BodyPublishers.noBody())
                .header("authorization", "Bearer " + shopify.sessionToken(shop)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> switchOn(URI base, String shop, boolean on) throws Exception {
        String body = on ? "{\"aftershipEnabled\":true,\"aftershipApiKey\":\"backfill-key\"}"
                : "{\"aftershipEnabled\":false}";
        return http.send(HttpRequest.newBuilder(base.resolve("/shops/" + shop + "/settings"))
                .PUT(HttpRequest.BodyPublishers.ofString(body)).header("content-type", "application/json").build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode backfill(URI base, String shop, String method, int expectedStatus) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(base.resolve("/shops/" + shop + "/backfill"))
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(method + " backfill: " + r.body()).isEqualTo(expectedStatus);
        return Json.MAPPER.readTree(r.body());
    }

    private List<String> orderIds(URI base, String shop) throws Exception {
        String body = http.send(HttpRequest.newBuilder(base.resolve("/shops/" + shop + "/review-requests")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        List<String> ids = new ArrayList<>();
        for (JsonNode r : Json.MAPPER.readTree(body).path("reviewRequests")) {
            ids.add(r.path("orderId").asText());
        }
        return ids;
    }

    private static long creates(AfterShipSandbox sandbox, String number) {
        return sandbox.requests().stream()
                .filter(r -> r.method().equals("POST") && r.path().endsWith("/trackings")
                        && r.body() != null && r.body().contains(number))
                .count();
    }
}
