package dev.doorstep.shopifyapp;

import com.fasterxml.jackson.databind.JsonNode;
import dev.doorstep.aftership.KmsApiKeyCipher;
import dev.doorstep.core.shopify.ShopInstallation;
import dev.doorstep.lambda.AwsClients;
import dev.doorstep.lambda.Json;
import dev.doorstep.shopify.KmsShopifyAccessTokens;
import dev.doorstep.shopify.SessionTokenVerifier;
import dev.doorstep.shopify.ShopifyAdminClient;
import dev.doorstep.shopify.ShopifyConfig;
import dev.doorstep.store.DynamoDbShopStore;
import java.io.IOException;
import java.time.Clock;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * The real collaborators, from the environment template.yaml sets: {@code TABLE_NAME},
 * {@code AFTERSHIP_KEYS_KMS_KEY_ID} (the same key encrypts access tokens), {@code SHOPIFY_API_KEY},
 * {@code SHOPIFY_SECRET_ID} (the stack's secret {@code {"current": ...}}; {@code SHOPIFY_API_SECRET} for
 * local runs), {@code SHOPIFY_ADMIN_BASE_URL} and {@code SHOPIFY_API_VERSION}.
 */
final class ShopifyAppWiring {

    private static final DynamoDbClient DYNAMO = AwsClients.build(DynamoDbClient.builder());
    private static final ShopifyConfig CONFIG = ShopifyConfig.fromEnvironment(System.getenv(), clientSecret());

    private ShopifyAppWiring() {
    }

    static SessionTokenVerifier verifier() {
        return new SessionTokenVerifier(CONFIG.clientId(), CONFIG.clientSecret(), Clock.systemUTC(),
                SessionTokenVerifier.DEFAULT_LEEWAY);
    }

    static ShopInstallation installation() {
        String table = AwsClients.requiredEnv("TABLE_NAME");
        KmsApiKeyCipher cipher = new KmsApiKeyCipher(AwsClients.build(KmsClient.builder()),
                AwsClients.requiredEnv("AFTERSHIP_KEYS_KMS_KEY_ID"));
        return new ShopInstallation(new DynamoDbShopStore(DYNAMO, table),
                new ShopifyAdminClient(CONFIG, Clock.systemUTC()), new KmsShopifyAccessTokens(DYNAMO, table, cipher));
    }

    /** Session tokens are signed with the current secret only: the previous one is for webhooks in rotation. */
    private static String clientSecret() {
        String secretId = System.getenv("SHOPIFY_SECRET_ID");
        if (secretId == null || secretId.isBlank()) {
            return AwsClients.requiredEnv("SHOPIFY_API_SECRET");
        }
        String text = AwsClients.build(SecretsManagerClient.builder()).getSecretValue(b -> b.secretId(secretId))
                .secretString();
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
