package dev.doorstep.merchantpage;

import dev.doorstep.aftership.KmsApiKeyCipher;
import dev.doorstep.core.merchant.MerchantChoices;
import dev.doorstep.core.port.ShopStore;
import dev.doorstep.core.sending.ProductPages;
import dev.doorstep.core.sending.ReviewRequestComposer;
import dev.doorstep.lambda.AwsClients;
import dev.doorstep.scheduling.EventBridgeReviewScheduler;
import dev.doorstep.shopify.KmsShopifyAccessTokens;
import dev.doorstep.shopify.SessionTokenVerifier;
import dev.doorstep.shopify.ShopifyAdminClient;
import dev.doorstep.shopify.ShopifyConfig;
import dev.doorstep.shopify.ShopifyProductPages;
import dev.doorstep.shopify.ShopifyAppSecret;
import dev.doorstep.store.DynamoDbOrderStore;
import dev.doorstep.store.DynamoDbShopStore;
import java.time.Clock;
import java.time.Duration;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kms.KmsClient;

/**
 * The real collaborators, from the environment template.yaml sets: {@code TABLE_NAME}, {@code SHOPIFY_API_KEY},
 * {@code SHOPIFY_SECRET_ID} ({@code SHOPIFY_API_SECRET} for local runs), {@code SHOPIFY_API_VERSION} (the email
 * preview's product pages), the scheduler's variables, and the shop API's (ShopApiWiring reads those).
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

    static EmailPreview preview() {
        return new EmailPreview(new EmailPreviewOrder(new DynamoDbOrderStore(DYNAMO, AwsClients.requiredEnv(
                "TABLE_NAME"))), ReviewRequestComposer.forPreviews(productPages()));
    }

    /**
     * Product pages as the review sender finds them (its ProductPagesWiring): the shop's offline token,
     * decrypted with KMS, and the Admin GraphQL API, short timeout, so the preview's product links are the
     * email's. Reading the Admin API needs neither the client id nor the secret.
     */
    private static ProductPages productPages() {
        ShopifyConfig config = new ShopifyConfig("", "", System.getenv().getOrDefault("SHOPIFY_ADMIN_BASE_URL",
                ShopifyConfig.REAL_SHOPIFY), System.getenv("SHOPIFY_API_VERSION"), Duration.ofSeconds(3), 1);
        KmsApiKeyCipher decryptOnly = new KmsApiKeyCipher(AwsClients.build(KmsClient.builder()), "");
        return new ShopifyProductPages(new KmsShopifyAccessTokens(DYNAMO, AwsClients.requiredEnv("TABLE_NAME"),
                decryptOnly), new ShopifyAdminClient(config, Clock.systemUTC()));
    }
}
