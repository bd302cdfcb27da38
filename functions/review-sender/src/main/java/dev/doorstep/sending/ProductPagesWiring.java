package dev.doorstep.sending;

import dev.doorstep.aftership.KmsApiKeyCipher;
import dev.doorstep.core.sending.ProductPages;
import dev.doorstep.lambda.AwsClients;
import dev.doorstep.shopify.KmsShopifyAccessTokens;
import dev.doorstep.shopify.ShopifyAdminClient;
import dev.doorstep.shopify.ShopifyConfig;
import dev.doorstep.shopify.ShopifyProductPages;
import java.time.Clock;
import java.time.Duration;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kms.KmsClient;

/**
 * Product pages for per-product review links: the shop's stored offline token (decrypted with KMS; the
 * ciphertext names its key) and the Admin GraphQL API at {@code SHOPIFY_ADMIN_BASE_URL} (real Shopify by
 * default), version {@code SHOPIFY_API_VERSION}. Short timeout, one throttling retry: a slow Shopify must
 * not hold up the email, which then links the shop's review page.
 */
final class ProductPagesWiring {

    private ProductPagesWiring() {
    }

    static ProductPages fromEnvironment(DynamoDbClient dynamo, String table) {
        // Reading the Admin API needs neither the client id nor the secret: only the shop's token.
        ShopifyConfig config = new ShopifyConfig("", "", System.getenv().getOrDefault("SHOPIFY_ADMIN_BASE_URL",
                ShopifyConfig.REAL_SHOPIFY), System.getenv("SHOPIFY_API_VERSION"), Duration.ofSeconds(3), 1);
        KmsApiKeyCipher decryptOnly = new KmsApiKeyCipher(AwsClients.build(KmsClient.builder()), "");
        return new ShopifyProductPages(new KmsShopifyAccessTokens(dynamo, table, decryptOnly),
                new ShopifyAdminClient(config, Clock.systemUTC()));
    }
}
