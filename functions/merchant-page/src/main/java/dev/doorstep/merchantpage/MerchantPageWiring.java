package dev.doorstep.merchantpage;

import dev.doorstep.core.merchant.MerchantChoices;
import dev.doorstep.core.port.ShopStore;
import dev.doorstep.lambda.AwsClients;
import dev.doorstep.scheduling.EventBridgeReviewScheduler;
import dev.doorstep.shopify.SessionTokenVerifier;
import dev.doorstep.shopify.ShopifyAppSecret;
import dev.doorstep.store.DynamoDbOrderStore;
import dev.doorstep.store.DynamoDbShopStore;
import java.time.Clock;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

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
        return new SessionTokenVerifier(clientId(), ShopifyAppSecret.current(), Clock.systemUTC(),
                SessionTokenVerifier.DEFAULT_LEEWAY);
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
}
