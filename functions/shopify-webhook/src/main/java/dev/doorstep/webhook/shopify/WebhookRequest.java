package dev.doorstep.webhook.shopify;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A Shopify delivery that passed the edge checks, in Shopify's order of importance: size, headers,
 * then the HMAC over the raw body bytes. Nothing is parsed before the signature is known good.
 */
record WebhookRequest(String topic, String shop, String webhookId, String eventId, Instant triggeredAt,
        byte[] body) {

    static final int MAX_BODY_BYTES = 1024 * 1024;
    private static final List<String> REQUIRED = List.of("x-shopify-hmac-sha256", "x-shopify-topic",
            "x-shopify-shop-domain", "x-shopify-api-version", "x-shopify-webhook-id");
    private static final Pattern SHOP_DOMAIN = Pattern.compile("[a-z0-9][a-z0-9-]*\\.myshopify\\.com");

    static WebhookRequest verify(APIGatewayV2HTTPEvent event, ShopifySecrets secrets) {
        byte[] body = rawBody(event);
        Map<String, String> headers = lowerCase(event.getHeaders());

        List<String> missing = new ArrayList<>();
        for (String name : REQUIRED) {
            if (headers.getOrDefault(name, "").isBlank()) {
                missing.add(name);
            }
        }
        if (!missing.isEmpty()) {
            throw new Rejected(400, "missing-headers", "missing header(s): " + String.join(", ", missing));
        }
        String contentType = headers.getOrDefault("content-type", "");
        int parameters = contentType.indexOf(';'); // split(";") of ";" is empty: no [0] to read
        String mediaType = parameters < 0 ? contentType : contentType.substring(0, parameters);
        if (!mediaType.trim().toLowerCase(Locale.ROOT).equals("application/json")) {
            throw new Rejected(415, "content-type", "content-type must be application/json");
        }
        String shop = headers.get("x-shopify-shop-domain").trim().toLowerCase(Locale.ROOT);
        if (!SHOP_DOMAIN.matcher(shop).matches()) {
            throw new Rejected(400, "bad-header", "x-shopify-shop-domain must be a myshopify.com domain");
        }
        Instant triggeredAt = triggeredAt(headers.get("x-shopify-triggered-at"));

        String hmac = headers.get("x-shopify-hmac-sha256");
        if (!ShopifySignature.isValid(body, hmac, secrets.signingSecrets())
                && !(secrets.refresh() && ShopifySignature.isValid(body, hmac, secrets.signingSecrets()))) {
            throw new Rejected(401, "bad-hmac", "HMAC signature does not match");
        }
        return new WebhookRequest(headers.get("x-shopify-topic").trim(), shop,
                headers.get("x-shopify-webhook-id").trim(), headers.get("x-shopify-event-id"), triggeredAt, body);
    }

    private static byte[] rawBody(APIGatewayV2HTTPEvent event) {
        String body = event.getBody() == null ? "" : event.getBody();
        // A cheap bound first: base64 is 4 chars per 3 bytes, UTF-8 at least 1 byte per char.
        if (body.length() > MAX_BODY_BYTES / 3 * 4 + 4) {
            throw tooLarge();
        }
        byte[] bytes;
        if (event.getIsBase64Encoded()) {
            try {
                bytes = Base64.getDecoder().decode(body);
            } catch (IllegalArgumentException e) {
                throw new Rejected(400, "bad-encoding", "body is marked base64 but is not valid base64");
            }
        } else {
            bytes = body.getBytes(StandardCharsets.UTF_8);
        }
        if (bytes.length > MAX_BODY_BYTES) {
            throw tooLarge();
        }
        return bytes;
    }

    private static Rejected tooLarge() {
        return new Rejected(413, "too-large", "body over " + MAX_BODY_BYTES + " bytes");
    }

    /** HTTP/2 lowercases names and API Gateway 2.0 passes them so; treat them case-insensitively anyway. */
    private static Map<String, String> lowerCase(Map<String, String> headers) {
        Map<String, String> lower = new HashMap<>();
        if (headers != null) {
            headers.forEach((k, v) -> {
                if (k != null && v != null) {
                    lower.put(k.toLowerCase(Locale.ROOT), v);
                }
            });
        }
        return lower;
    }

    private static Instant triggeredAt(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value.trim()).toInstant();
        } catch (DateTimeParseException e) {
            throw new Rejected(400, "bad-header", "x-shopify-triggered-at must be an ISO-8601 timestamp");
        }
    }
}
