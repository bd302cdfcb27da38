package dev.doorstep.merchantpage;

import com.fasterxml.jackson.databind.JsonNode;
import dev.doorstep.core.merchant.MerchantChoices;
import dev.doorstep.core.port.ShopStore;
import dev.doorstep.lambda.AwsClients;
import dev.doorstep.lambda.Json;
import dev.doorstep.scheduling.EventBridgeReviewScheduler;
import dev.doorstep.shopify.SessionTokenVerifier;
import dev.doorstep.store.DynamoDbOrderStore;
import dev.doorstep.store.DynamoDbShopStore;
import java.io.IOException;
import java.time.Clock;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * The real collaborators, from the environment template.yaml sets: {@code TABLE_NAME}, {@code SHOPIFY_API_KEY},
 * {@code SHOPIFY_SECRET_ID} ({@code SHOPIFY_API_SECRET} for local runs), the scheduler's variables, and the
 * shop API's (ShopApiWiring reads those).
 */
final class MerchantPageWiring {

    private static final DynamoDbClient DYNAMO = AwsClients.build(DynamoDbClient.builder());

    private MerchantPageWiring() {
    }

    static String clientId() {
        return AwsClients.requiredEnv("SHOPIFY_API_KEY");
    }

    static SessionTokenVerifier verifier() {
        return new SessionTokenVerifier(clientId(), clientSecret(), Clock.systemUTC(), SessionTokenVerifier.DEFAULT_LEEWAY);
    }

    static ShopStore shops() {
        return new DynamoDbShopStore(DYNAMO, AwsClients.requiredEnv("TABLE_NAME"));
    }

    static MerchantChoices choices() {
        return new MerchantChoices(new DynamoDbOrderStore(DYNAMO, AwsClients.requiredEnv("TABLE_NAME")), shops(),
                EventBridgeReviewScheduler.fromEnvironment());
    }

    static MerchantOverview overview() {
        return new MerchantOverview(new DynamoDbOrderStore(DYNAMO, AwsClients.requiredEnv("TABLE_NAME")));
    }

    static EmailPreviewOrder previewOrder() {
        return new EmailPreviewOrder(new DynamoDbOrderStore(DYNAMO, AwsClients.requiredEnv("TABLE_NAME")));
    }

    /** Session tokens are signed with the app's current secret (the stack's Shopify secret). */
    private static String clientSecret() {
        String secretId = System.getenv("SHOPIFY_SECRET_ID");
        if (secretId == null || secretId.isBlank()) {
            return AwsClients.requiredEnv("SHOPIFY_API_SECRET");
        }
        String text = AwsClients.build(SecretsManagerClient.builder()).getSecretValue(b -> b.secretId(secretId))
                .secretString();
        try {
            String current = Json.MAPPER.readTree(text).path("current").asText("");
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
