package dev.doorstep.shopifyapp;

import dev.doorstep.aftership.KmsApiKeyCipher;
import dev.doorstep.core.intake.BackfillOffering;
import dev.doorstep.core.port.BackfillRequests;
import dev.doorstep.core.shopify.ShopInstallation;
import dev.doorstep.lambda.AwsClients;
import dev.doorstep.shopify.KmsShopifyAccessTokens;
import dev.doorstep.shopify.SessionTokenVerifier;
import dev.doorstep.shopify.ShopifyAppSecret;
import dev.doorstep.shopify.ShopifyAdminClient;
import dev.doorstep.shopify.ShopifyConfig;
import dev.doorstep.store.DynamoDbBackfillOffers;
import dev.doorstep.store.DynamoDbShopStore;
import java.time.Clock;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kms.KmsClient;

/**
 * The real collaborators, from the environment template.yaml sets: {@code TABLE_NAME},
 * {@code AFTERSHIP_KEYS_KMS_KEY_ID} (the same key encrypts access tokens), {@code SHOPIFY_API_KEY},
 * {@code SHOPIFY_SECRET_ID} (the stack's secret {@code {"current": ...}}; {@code SHOPIFY_API_SECRET} for
 * local runs), {@code SHOPIFY_ADMIN_BASE_URL} and {@code SHOPIFY_API_VERSION}.
 */
final class ShopifyAppWiring {

    private static final DynamoDbClient DYNAMO = AwsClients.build(DynamoDbClient.builder());
    private static volatile ShopifyConfig config;
    private static volatile SessionTokenVerifier verifier;
    private static volatile ShopInstallation installation;

    private ShopifyAppWiring() {
    }

    /** Built on first use and kept; a failure (secret not filled in) is retried on the next request. */
    static SessionTokenVerifier verifier() {
        SessionTokenVerifier v = verifier;
        if (v == null) {
            ShopifyConfig c = config();
            v = new SessionTokenVerifier(c.clientId(), c.clientSecret(), Clock.systemUTC(),
                    SessionTokenVerifier.DEFAULT_LEEWAY);
            verifier = v;
        }
        return v;
    }

    static ShopInstallation installation() {
        ShopInstallation i = installation;
        if (i == null) {
            String table = AwsClients.requiredEnv("TABLE_NAME");
            KmsApiKeyCipher cipher = new KmsApiKeyCipher(AwsClients.build(KmsClient.builder()),
                    AwsClients.requiredEnv("AFTERSHIP_KEYS_KMS_KEY_ID"));
            DynamoDbShopStore shops = new DynamoDbShopStore(DYNAMO, table);
            i = new ShopInstallation(shops,
                    new ShopifyAdminClient(config(), Clock.systemUTC()), new KmsShopifyAccessTokens(DYNAMO, table, cipher),
                    // A first install (or a return) offers the shop's backfill; the merchant's page accepts it.
                    new BackfillOffering(shops, new DynamoDbBackfillOffers(DYNAMO, table), BackfillRequests.NONE));
            installation = i;
        }
        return i;
    }

    private static ShopifyConfig config() {
        ShopifyConfig c = config;
        if (c == null) {
            c = ShopifyConfig.fromEnvironment(System.getenv(), ShopifyAppSecret.current());
            config = c;
        }
        return c;
    }
}
