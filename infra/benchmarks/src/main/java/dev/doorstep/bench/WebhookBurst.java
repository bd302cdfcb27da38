package dev.doorstep.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A burst of distinct Shopify webhooks: the {@code orders/fulfilled} sample, each copy a new order with
 * a new webhook id, signed again (Shopify signs the body bytes). Each one is real work for the function:
 * verify, dedupe lookup, intake, conditional write, receipt.
 */
final class WebhookBurst {

    private static final ObjectMapper JSON = new ObjectMapper();

    private WebhookBurst() {
    }

    static List<Path> write(Path sample, int count, Path dir) {
        try {
            Files.createDirectories(dir);
            ObjectNode event = (ObjectNode) JSON.readTree(sample.toFile());
            ObjectNode body = (ObjectNode) JSON.readTree(event.path("body").asText());
            long baseId = body.path("id").asLong();
            List<Path> files = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                long orderId = baseId + 1_000 + i;
                body.put("id", orderId);
                body.put("name", "#B" + i);
                for (JsonNode f : body.withArray("fulfillments")) {
                    ((ObjectNode) f).put("order_id", orderId);
                    ((ObjectNode) f).put("id", orderId * 10);
                }
                String raw = JSON.writeValueAsString(body);
                ObjectNode copy = event.deepCopy();
                copy.put("body", raw);
                ObjectNode headers = (ObjectNode) copy.path("headers");
                headers.put("content-length", Integer.toString(raw.getBytes(StandardCharsets.UTF_8).length));
                headers.put("x-shopify-hmac-sha256", sign(raw, BenchAccount.SHOPIFY_SECRET));
                headers.put("x-shopify-webhook-id", UUID.randomUUID().toString());
                headers.put("x-shopify-event-id", UUID.randomUUID().toString());
                Path file = dir.resolve("orders-fulfilled-" + i + ".json");
                JSON.writeValue(file.toFile(), copy);
                files.add(file);
            }
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String sign(String body, String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
