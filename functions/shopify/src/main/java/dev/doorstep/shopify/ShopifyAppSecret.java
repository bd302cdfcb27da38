package dev.doorstep.shopify;

import com.fasterxml.jackson.databind.JsonNode;
import dev.doorstep.lambda.AwsClients;
import dev.doorstep.lambda.Json;
import java.io.IOException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * The app's current client secret, which signs session tokens and authenticates the token exchange:
 * the stack's Shopify secret ({@code SHOPIFY_SECRET_ID}, {@code {"current": ..., "previous": ...}}; the
 * previous one only verifies webhooks during a rotation), or {@code SHOPIFY_API_SECRET} in local runs.
 */
public final class ShopifyAppSecret {

    private ShopifyAppSecret() {
    }

    public static String current() {
        String secretId = System.getenv("SHOPIFY_SECRET_ID");
        if (secretId == null || secretId.isBlank()) {
            return AwsClients.requiredEnv("SHOPIFY_API_SECRET");
        }
        String text;
        try (SecretsManagerClient secrets = AwsClients.build(SecretsManagerClient.builder())) {
            text = secrets.getSecretValue(b -> b.secretId(secretId)).secretString();
        } catch (SdkException e) {
            throw new IllegalStateException("secret " + secretId + " cannot be read: " + e.getClass().getSimpleName());
        }
        try {
            JsonNode json = Json.MAPPER.readTree(text);
            String current = json.path("current").asText("");
            if (current.isBlank()) {
                throw new IOException("no current secret");
            }
            return current;
        } catch (IOException e) {
            // Never echo the secret's text.
            throw new IllegalStateException("secret " + secretId + " is not {\"current\": ..., \"previous\": ...}");
        }
    }
}
