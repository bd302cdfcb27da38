package dev.doorstep.poller;

import dev.doorstep.aftership.KmsApiKeyCipher;
import dev.doorstep.core.port.OrderSource;
import dev.doorstep.lambda.AwsClients;
import dev.doorstep.shopify.KmsShopifyAccessTokens;
import dev.doorstep.shopify.ShopifyAdminClient;
import dev.doorstep.shopify.ShopifyConfig;
import dev.doorstep.shopify.ShopifyOrderSource;
import java.time.Clock;
import java.time.Duration;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kms.KmsClient;

/**
 * The backfill's order source in AWS: the shop's stored offline token (decrypted with KMS; the ciphertext names
 * its key) and the Admin GraphQL API at {@code SHOPIFY_ADMIN_BASE_URL} (real Shopify by default), version
 * {@code SHOPIFY_API_VERSION}. Throttling retries as the app's: the worker has minutes, not a page's seconds.
 */
final class ShopifyOrderSourceWiring {

    private ShopifyOrderSourceWiring() {
    }

    /** With the container's clients (the poll worker's own). */
    static OrderSource fromEnvironment(DynamoDbClient dynamo, KmsClient kms) {
        // Reading the Admin API needs neither the client id nor the secret: only the shop's token.
        ShopifyConfig config = new ShopifyConfig("", "", System.getenv().getOrDefault("SHOPIFY_ADMIN_BASE_URL",
                ShopifyConfig.REAL_SHOPIFY), System.getenv("SHOPIFY_API_VERSION"), Duration.ofSeconds(10), 5);
        KmsApiKeyCipher decryptOnly = new KmsApiKeyCipher(kms, "");
        return new ShopifyOrderSource(new KmsShopifyAccessTokens(dynamo, AwsClients.requiredEnv("TABLE_NAME"),
                decryptOnly), new ShopifyAdminClient(config, Clock.systemUTC()));
    }
}
