package dev.doorstep.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.doorstep.lambda.Json;
import dev.doorstep.shopify.standin.StandInProduct;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A newcomer's first minute: a shop turns the AfterShip integration on, three orders are fulfilled
 * (signed webhooks, as Shopify sends them), and the clock moves so that the orders go "Waiting for
 * delivery" -> "Will send" -> "Sent", and the email can be read. Everything goes through the
 * local HTTP routes, exactly as a person with curl would do it.
 */
final class Demo {

    static final String SHOP = "demo-outdoor.myshopify.com";

    private final LocalRuntime runtime;
    private final String secret;
    private final PrintStream out;
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = Json.MAPPER;
    private final URI base;

    Demo(LocalRuntime runtime, String secret, PrintStream out) {
        this.runtime = runtime;
        this.secret = secret;
        this.out = out;
        this.base = URI.create("http://localhost:" + runtime.port());
    }

    void run() throws Exception {
        out.println("== Doorstep demo on " + base + " (clock " + runtime.now() + ")");
        install();
        // Country and time zone came from Shopify at install; the merchant only switches AfterShip on.
        ObjectNode settings = json.createObjectNode()
                .put("aftershipEnabled", true).put("aftershipApiKey", "demo-aftership-key");
        JsonNode saved = json.readTree(call("PUT", "/shops/" + SHOP + "/settings", settings.toString(), null));
        out.println("== PUT /shops/" + SHOP + "/settings -> AfterShip on: " + saved.path("aftershipEnabled")
                + ", key saved: " + saved.path("aftershipApiKeySaved") + ", wait " + saved.path("waitDaysAfterDelivery")
                + " days after delivery, minimum " + saved.path("minDelayDomesticDays") + "/"
                + saved.path("minDelayInternationalDays") + " days, fallback " + saved.path("fallbackDays") + " days");

        Instant fulfilled = runtime.now();
        webhook(order("1001", "#1001", "1ZDEMODELIVERED1", "UPS", "US", fulfilled, "Ada Lovelace",
                "ada@example.com", "Trail Running Shoe"));
        webhook(order("1002", "#1002", null, null, "US", fulfilled, "Grace Hopper", "grace@example.com",
                "Merino Socks"));
        webhook(order("1003", "#1003", "9400DEMOTRANSIT3", "USPS", "CA", fulfilled, "Alan Turing",
                "alan@example.com", "Rain Jacket"));
        statuses("after the fulfillment webhooks");

        advance("PT12H", "the 12-hourly delivery poll sees #1001 delivered");
        statuses("after the first poll");
        advance("P14D", "two weeks pass: the review requests are sent when due");
        statuses("two weeks later");
        advance("P50D", "#1003 never arrives: the 60-day fallback sends it");
        statuses("after the fallback");

        JsonNode emails = json.readTree(call("GET", "/_local/emails", null, null));
        out.println("== " + emails.size() + " email(s) sent (GET /_local/emails); the first one:");
        if (!emails.isEmpty()) {
            JsonNode first = emails.get(0);
            out.println("   to: " + first.path("to") + "\n   subject: " + first.path("subject").asText()
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

    void webhook(ObjectNode order) throws Exception {
        String body = order.toString();
        String answer = call("POST", "/webhooks/shopify", body, sign(body));
        say("POST /webhooks/shopify orders/fulfilled " + order.path("name").asText(), answer);
    }

    private void statuses(String when) throws Exception {
        JsonNode page = json.readTree(call("GET", "/shops/" + SHOP + "/review-requests", null, null));
        out.println("== statuses " + when + ":");
        for (JsonNode r : page.path("reviewRequests")) {
            out.printf("   %-6s %-22s %s%n", r.path("orderNumber").asText(), r.path("statusLabel").asText(),
                    r.path("reason").asText());
        }
    }

    private void advance(String by, String why) throws Exception {
        JsonNode moved = json.readTree(call("POST", "/_local/clock/advance?by=" + by, "", null));
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

    private String call(String method, String path, String body, String hmac) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .header("content-type", "application/json");
        if (hmac != null) {
            request.header("X-Shopify-Topic", "orders/fulfilled")
                    .header("X-Shopify-Hmac-Sha256", hmac)
                    .header("X-Shopify-Shop-Domain", SHOP)
                    .header("X-Shopify-API-Version", "2026-07")
                    .header("X-Shopify-Webhook-Id", UUID.randomUUID().toString())
                    .header("X-Shopify-Event-Id", UUID.randomUUID().toString())
                    .header("X-Shopify-Triggered-At", runtime.now().toString());
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return response.body();
    }

    private void say(String what, String answer) {
        out.println("== " + what + " -> " + answer.replaceAll("\\s+", " "));
    }

    private String sign(String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return Base64.getEncoder().encodeToString(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    }

    /** An orders/fulfilled payload shaped like Shopify's (reference/shopify.md), fake data. */
    ObjectNode order(String id, String name, String tracking, String carrier, String country,
            Instant fulfilledAt, String customerName, String email, String product) {
        ObjectNode o = json.createObjectNode();
        o.put("id", Long.parseLong(id)).put("name", name).put("email", email)
                .put("created_at", fulfilledAt.minusSeconds(3600).toString()).put("financial_status", "paid")
                .put("fulfillment_status", "fulfilled");
        String[] names = customerName.split(" ", 2);
        ObjectNode customer = o.putObject("customer").put("id", 900000 + Long.parseLong(id))
                .put("email", email).put("first_name", names[0]).put("last_name", names[1]);
        customer.putObject("default_address").put("phone", "+1 555 0100").put("country_code", country);
        o.putObject("shipping_address").put("name", customerName).put("country_code", country);
        o.putArray("line_items").addObject().put("id", 1).put("product_id", 7000 + Long.parseLong(id))
                .put("title", product).put("quantity", 1);
        ObjectNode f = o.putArray("fulfillments").addObject().put("id", 5000 + Long.parseLong(id))
                .put("order_id", Long.parseLong(id)).put("status", "success")
                .put("created_at", fulfilledAt.toString());
        if (tracking != null) {
            f.put("tracking_number", tracking).put("tracking_company", carrier);
            f.putArray("tracking_numbers").add(tracking);
        }
        return o;
    }
}
