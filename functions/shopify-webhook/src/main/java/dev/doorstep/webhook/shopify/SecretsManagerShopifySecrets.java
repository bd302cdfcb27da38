package dev.doorstep.webhook.shopify;

import com.fasterxml.jackson.databind.JsonNode;
import dev.doorstep.lambda.Json;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * The secrets from AWS Secrets Manager, a JSON secret {@code {"current": "...", "previous": "..."}}.
 * Read once per container and cached; when no secret matches a signature, read again at most every
 * {@link #REREAD_AFTER}, so a rotation reaches warm containers without a call per webhook.
 */
public final class SecretsManagerShopifySecrets implements ShopifySecrets {

    static final Duration REREAD_AFTER = Duration.ofMinutes(5);

    private final SecretsManagerClient client;
    private final String secretId;
    private final Clock clock;
    private volatile List<String> secrets;
    private volatile Instant readAt;

    public SecretsManagerShopifySecrets(SecretsManagerClient client, String secretId, Clock clock) {
        this.client = client;
        this.secretId = secretId;
        this.clock = clock;
    }

    @Override
    public List<String> signingSecrets() {
        List<String> cached = secrets;
        if (cached == null) {
            synchronized (this) {
                if (secrets == null) {
                    read();
                }
                cached = secrets;
            }
        }
        return cached;
    }

    @Override
    public synchronized boolean refresh() {
        if (readAt != null && clock.instant().isBefore(readAt.plus(REREAD_AFTER))) {
            return false;
        }
        read();
        return true;
    }

    private void read() {
        String text = client.getSecretValue(b -> b.secretId(secretId)).secretString();
        try {
            JsonNode json = Json.MAPPER.readTree(text);
            secrets = ShopifySecrets.of(json.path("current").asText(null), json.path("previous").asText(null))
                    .signingSecrets();
        } catch (IOException | IllegalArgumentException e) {
            // Never echo the secret's text: name the secret and what is wrong with it.
            throw new IllegalStateException("secret " + secretId + " is not {\"current\": ..., \"previous\": ...}");
        }
        readAt = clock.instant();
    }
}
