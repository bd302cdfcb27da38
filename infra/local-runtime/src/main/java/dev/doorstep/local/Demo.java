package dev.doorstep.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.doorstep.lambda.Json;
import dev.doorstep.local.ShopifyWebhookSender.FulfilledOrder;
import dev.doorstep.shopify.standin.StandInProduct;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * A newcomer's first minute: a shop turns the AfterShip integration on, three orders are fulfilled
 * (signed webhooks, as Shopify sends them), and the clock moves so that the orders go "Waiting for
 * delivery" -> "Will send" -> "Sent", and the email can be read. Everything goes through the
 * local HTTP routes, exactly as a person with curl would do it.
 */
final class Demo {

    static final String SHOP = "demo-outdoor.myshopify.com";

    private final LocalRuntime runtime;
    private final PrintStream out;
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = Json.MAPPER;
    private final URI base;
    private final ShopifyWebhookSender webhooks;

    Demo(LocalRuntime runtime, String secret, PrintStream out) {
        this.runtime = runtime;
        this.out = out;
        this.base = URI.create("http://localhost:" + runtime.port());
        this.webhooks = new ShopifyWebhookSender(base, secret);
    }

    void run() throws Exception {
        out.println("== Doorstep demo on " + base + " (clock " + runtime.now() + ")");
        install();
        // Country and time zone came from Shopify at install; the merchant only switches AfterShip on.
        ObjectNode settings = json.createObjectNode()
                .put("aftershipEnabled", true).put("aftershipApiKey", "demo-aftership-key");
        JsonNode saved = json.readTree(call("PUT", "/shops/" + SHOP + "/settings", settings.toString()));
        out.println("== PUT /shops/" + SHOP + "/settings -> AfterShip on: " + saved.path("aftershipEnabled")
                + ", key saved: " + saved.path("aftershipApiKeySaved") + ", wait " + saved.path("waitDaysAfterDelivery")
                + " days after delivery, minimum " + saved.path("minDelayDomesticDays") + "/"
                + saved.path("minDelayInternationalDays") + " days, fallback " + saved.path("fallbackDays") + " days");

        Instant fulfilled = runtime.now();
        webhook(new FulfilledOrder(SHOP, 1001, "#1001", "1ZDEMODELIVERED1", "UPS", "US", fulfilled, "Ada Lovelace",
                "ada@example.com", "Trail Running Shoe"));
        webhook(new FulfilledOrder(SHOP, 1002, "#1002", null, null, "US", fulfilled, "Grace Hopper",
                "grace@example.com", "Merino Socks"));
        webhook(new FulfilledOrder(SHOP, 1003, "#1003", "9400DEMOTRANSIT3", "USPS", "CA", fulfilled, "Alan Turing",
                "alan@example.com", "Rain Jacket"));
        statuses("after the fulfillment webhooks");

        advance("PT12H", "the 12-hourly delivery poll sees #1001 delivered");
        statuses("after the first poll");
        advance("P14D", "two weeks pass: the review requests are sent when due");
        statuses("two weeks later");
        advance("P50D", "#1003 never arrives: the 60-day fallback sends it");
        statuses("after the fallback");

        JsonNode emails = json.readTree(call("GET", "/_local/emails", null));
        out.println("== " + emails.size() + " email(s) sent (GET /_local/emails); the first one:");
        if (!emails.isEmpty()) {
            JsonNode first = emails.get(0);
            out.println("   to: " + masked(first.path("to").path(0).asText()) + "\n   subject: " + first.path("subject").asText()
                    + "\n   List-Unsubscribe: " + first.path("headers").path("List-Unsubscribe").asText()
                    + "\n" + first.path("text").asText().indent(3));
        }
        out.println("== demo done; the runtime keeps serving on " + base + " (Ctrl-C to stop)");
    }

    /**
     * Installs the shop as Shopify's admin would: App Bridge's session token (signed by the Shopify
     * stand-in, or SHOPIFY_SESSION_TOKEN for a real shop) posted to /app/session, which exchanges it for
     * the shop's offline token and reads the shop's name, zone and country from the Admin API.
     */
    void install() throws Exception {
        // The stand-in's catalogue: each demo order's product (product_id 7000 + order id) has a page.
        runtime.shopify().ifPresent(shopify -> {
            shopify.putProduct(SHOP, new StandInProduct("8001", "trail-running-shoe", null, null));
            shopify.putProduct(SHOP, new StandInProduct("8002", "merino-socks", null, null));
            shopify.putProduct(SHOP, new StandInProduct("8003", "rain-jacket", null, null));
        });
        String token = System.getenv("SHOPIFY_SESSION_TOKEN");
        if (token == null || token.isBlank()) {
            token = runtime.shopify().orElseThrow(() -> new IllegalStateException(
                    "a real Shopify is configured: set SHOPIFY_SESSION_TOKEN to a session token of " + SHOP))
                    .sessionToken(SHOP);
        }
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(base.resolve("/app/session"))
                .POST(HttpRequest.BodyPublishers.noBody()).header("authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode installed = json.readTree(response.body());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("install refused: " + response.statusCode() + " " + response.body());
        }
        out.println("== POST /app/session (session token -> token exchange) -> " + installed.path("shop").asText()
                + " installed as \"" + installed.path("shopify").path("name").asText() + "\", "
                + installed.path("shopify").path("countryCode").asText() + ", "
                + installed.path("shopify").path("timeZone").asText());
    }

    void webhook(FulfilledOrder order) throws Exception {
        say("POST /webhooks/shopify orders/fulfilled " + order.orderNumber(), webhooks.send(order).body());
    }

    private void statuses(String when) throws Exception {
        JsonNode page = json.readTree(call("GET", "/shops/" + SHOP + "/review-requests", null));
        out.println("== statuses " + when + ":");
        for (JsonNode r : page.path("reviewRequests")) {
            out.printf("   %-6s %-22s %s%n", r.path("orderNumber").asText(), r.path("statusLabel").asText(),
                    r.path("reason").asText());
        }
    }

    private void advance(String by, String why) throws Exception {
        JsonNode moved = json.readTree(call("POST", "/_local/clock/advance?by=" + by, ""));
        out.println("== POST /_local/clock/advance?by=" + by + " (" + why + ")");
        int polls = 0;
        for (JsonNode f : moved.path("fired")) {
            if (f.asText().endsWith("delivery poll")) {
                polls++;
            } else {
                out.println("   " + f.asText());
            }
        }
        out.println("   (" + polls + " delivery poll(s) on the way)");
    }

    private String call(String method, String path, String body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(base.resolve(path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .header("content-type", "application/json").build();
        return http.send(request, HttpResponse.BodyHandlers.ofString()).body();
    }

    private void say(String what, String answer) {
        out.println("== " + what + " -> " + answer.replaceAll("\\s+", " "));
    }

    /** The recipient as the console shows it: enough to tell it is the buyer's, not the address itself. */
    static String masked(String address) {
        int at = address.indexOf('@');
        return at <= 0 ? "(none)" : address.charAt(0) + "***" + address.substring(at);
    }
}
