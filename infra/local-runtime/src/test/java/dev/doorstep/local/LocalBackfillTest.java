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
 * The backfill, triggered as a merchant triggers it: orders fulfilled in Shopify before the install or the
 * AfterShip switch-on are read from Shopify's Admin GraphQL API (the stand-in) and taken in once each; a
 * second trigger adds nothing.
 */
class LocalBackfillTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void switchingAfterShipOnTakesInTheOrdersFulfilledBeforeOnceEach() throws Exception {
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

            assertThat(orderIds(base, shop)).as("the shipped orders of the last 30 days")
                    .containsExactlyInAnyOrder("2001", "2002", "2003");
            AfterShipSandbox sandbox = runtime.sandbox().orElseThrow();
            assertThat(creates(sandbox, "1ZBACKFILLA1")).isEqualTo(1);
            assertThat(creates(sandbox, "9400BACKFILLB2")).isEqualTo(1);
            assertThat(creates(sandbox, "1ZTOOOLD4")).isZero();

            // A second trigger: off and on again.
            assertThat(switchOn(base, shop, false).statusCode()).isEqualTo(200);
            assertThat(switchOn(base, shop, true).statusCode()).isEqualTo(200);

            assertThat(orderIds(base, shop)).containsExactlyInAnyOrder("2001", "2002", "2003");
            assertThat(creates(sandbox, "1ZBACKFILLA1")).isEqualTo(1);
            assertThat(creates(sandbox, "9400BACKFILLB2")).isEqualTo(1);
        }
    }

    @Test
    void installingTakesInTheOrdersFulfilledBefore() throws Exception {
        String shop = "backfill-install.myshopify.com";
        try (LocalRuntime runtime = LocalRuntime.start(0, LocalRuntime.DEFAULT_SHOPIFY_SECRET)) {
            URI base = URI.create("http://localhost:" + runtime.port());
            ShopifyStandIn shopify = runtime.shopify().orElseThrow();
            shopify.putOrder(shop, order("3001", runtime.now().minus(Duration.ofDays(2)), null, null));

            assertThat(install(base, shopify, shop).statusCode()).isEqualTo(200);

            assertThat(orderIds(base, shop)).containsExactly("3001");
            // Opening the app again is no new install: nothing more.
            assertThat(install(base, shopify, shop).statusCode()).isEqualTo(200);
            assertThat(orderIds(base, shop)).containsExactly("3001");
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
