package dev.doorstep.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.doorstep.lambda.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Sends an orders/fulfilled webhook to a local runtime as Shopify would: the payload shaped like
 * Shopify's (fake data), HMAC-signed with the app secret, with Shopify's headers. Used by the
 * {@code doorstep webhook} command and by the demo.
 */
final class ShopifyWebhookSender {

    /** One fulfilled order: what the command line or the demo says about it. */
    record FulfilledOrder(String shop, long orderId, String orderNumber, String trackingNumber, String carrier,
            String country, Instant fulfilledAt, String customerName, String email, String product) {
    }

    static final String TOPIC = "orders/fulfilled";

    private final URI base;
    private final String secret;
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = Json.MAPPER;

    ShopifyWebhookSender(URI base, String secret) {
        this.base = base;
        this.secret = secret;
    }

    /** Posts the webhook; returns the runtime's answer. */
    HttpResponse<String> send(FulfilledOrder order) throws IOException, InterruptedException {
        String body = payload(order).toString();
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/webhooks/shopify"))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .header("content-type", "application/json")
                .header("X-Shopify-Topic", TOPIC)
                .header("X-Shopify-Hmac-Sha256", sign(body))
                .header("X-Shopify-Shop-Domain", order.shop())
                .header("X-Shopify-API-Version", "2026-07")
                .header("X-Shopify-Webhook-Id", UUID.randomUUID().toString())
                .header("X-Shopify-Event-Id", UUID.randomUUID().toString())
                .header("X-Shopify-Triggered-At", order.fulfilledAt().toString())
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    String sign(String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    /** An orders/fulfilled payload shaped like Shopify's (reference/shopify.md). */
    ObjectNode payload(FulfilledOrder order) {
        long id = order.orderId();
        ObjectNode o = json.createObjectNode();
        o.put("id", id).put("name", order.orderNumber()).put("email", order.email())
                .put("created_at", order.fulfilledAt().minusSeconds(3600).toString()).put("financial_status", "paid")
                .put("fulfillment_status", "fulfilled");
        String[] names = (order.customerName() + " ").split(" ", 2);
        ObjectNode customer = o.putObject("customer").put("id", 900000 + id)
                .put("email", order.email()).put("first_name", names[0]).put("last_name", names[1].trim());
        customer.putObject("default_address").put("phone", "+1 555 0100").put("country_code", order.country());
        o.putObject("shipping_address").put("name", order.customerName()).put("country_code", order.country());
        o.putArray("line_items").addObject().put("id", 1).put("product_id", 7000 + id)
                .put("title", order.product()).put("quantity", 1);
        ObjectNode f = o.putArray("fulfillments").addObject().put("id", 5000 + id)
                .put("order_id", id).put("status", "success")
                .put("created_at", order.fulfilledAt().toString());
        if (order.trackingNumber() != null) {
            f.put("tracking_number", order.trackingNumber()).put("tracking_company", order.carrier());
            f.putArray("tracking_numbers").add(order.trackingNumber());
        }
        return o;
    }
}
