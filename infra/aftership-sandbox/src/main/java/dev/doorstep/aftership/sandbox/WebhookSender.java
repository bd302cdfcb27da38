package dev.doorstep.aftership.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Posts AfterShip tracking webhooks the way AfterShip does (reference/aftership.md §7): body
 * {@code {event, event_id, is_tracking_first_tag, msg, ts}}, header {@code aftership-hmac-sha256} =
 * base64(HMAC-SHA256(raw body, webhook secret)), and {@code as-webhook-version}.
 */
final class WebhookSender {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    static String body(ObjectNode tracking, Instant now, boolean firstTag) {
        ObjectNode root = WireFormat.JSON.createObjectNode();
        root.put("event", "tracking_update");
        root.put("event_id", UUID.randomUUID().toString());
        root.put("is_tracking_first_tag", firstTag);
        root.set("msg", tracking);
        root.put("ts", now.getEpochSecond());
        return root.toString();
    }

    static String signature(String body, String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @return the receiver's HTTP status */
    int send(URI url, String body, String signature, String version) {
        HttpRequest request = HttpRequest.newBuilder(url)
                .timeout(Duration.ofSeconds(10))
                .header("content-type", "application/json")
                .header("aftership-hmac-sha256", signature)
                .header("as-webhook-version", version)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (java.io.IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
