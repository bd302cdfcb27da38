package dev.doorstep.shopapi;

import dev.doorstep.aftership.AfterShipClient;
import dev.doorstep.aftership.AfterShipConfig;
import dev.doorstep.aftership.KmsApiKeyCipher;
import dev.doorstep.core.intake.BackfillOffering;
import dev.doorstep.core.port.AfterShipCredentialStore;
import dev.doorstep.core.port.CustomerDataExports;
import dev.doorstep.core.port.OrderStore;
import dev.doorstep.core.port.ReviewRequestScheduler;
import dev.doorstep.core.port.ShopStore;
import dev.doorstep.lambda.AwsClients;
import dev.doorstep.scheduling.EventBridgeReviewScheduler;
import dev.doorstep.scheduling.PollQueueBackfillRequests;
import dev.doorstep.store.DynamoDbAfterShipCredentialStore;
import dev.doorstep.store.DynamoDbBackfillOffers;
import dev.doorstep.store.DynamoDbCustomerDataExports;
import dev.doorstep.store.DynamoDbOrderStore;
import dev.doorstep.store.DynamoDbShopStore;
import java.time.Duration;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kms.KmsClient;

/**
 * The real collaborators, from the environment template.yaml sets: {@code TABLE_NAME},
 * {@code SHOP_API_CALLERS}, {@code AFTERSHIP_KEYS_KMS_KEY_ID}, {@code AFTERSHIP_API_BASE_URL}/{@code AFTERSHIP_API_VERSION} and the
 * scheduler's {@code SCHEDULE_GROUP}, {@code REVIEW_SENDER_ARN}, {@code SCHEDULER_ROLE_ARN}, {@code SCHEDULE_DLQ_ARN}.
 */
final class ShopApiWiring {

    private static final DynamoDbClient DYNAMO = AwsClients.build(DynamoDbClient.builder());

    private ShopApiWiring() {
    }

    private static String table() {
        return AwsClients.requiredEnv("TABLE_NAME");
    }

    static ShopStore shops() {
        return new DynamoDbShopStore(DYNAMO, table());
    }

    static OrderStore orders() {
        return new DynamoDbOrderStore(DYNAMO, table());
    }

    static AfterShipCredentialStore credentials() {
        return new DynamoDbAfterShipCredentialStore(DYNAMO, table());
    }

    static KmsApiKeyCipher cipher() {
        return new KmsApiKeyCipher(AwsClients.build(KmsClient.builder()),
                AwsClients.requiredEnv("AFTERSHIP_KEYS_KMS_KEY_ID"));
    }

    /** Short timeouts and one retry: the whole settings save must fit the API's 15-second function timeout. */
    static AfterShipKeyCheck keyCheck() {
        AfterShipConfig config = AfterShipConfig.fromEnvironment(System.getenv())
                .withTimeouts(Duration.ofSeconds(4), Duration.ofMillis(200)).withAttempts(2, 1);
        return new AfterShipCouriersKeyCheck(new AfterShipClient(config));
    }

    /** {@code SHOP_API_CALLERS}: unset means no caller may act on any shop. */
    static ShopApiCallers callers() {
        return ShopApiCallers.fromJson(System.getenv("SHOP_API_CALLERS"));
    }

    static CustomerDataExports dataExports() {
        return new DynamoDbCustomerDataExports(DYNAMO, table(), java.time.Clock.systemUTC());
    }

    static ReviewRequestScheduler scheduler() {
        return EventBridgeReviewScheduler.fromEnvironment();
    }

    /**
     * A switch-on offers the shop's backfill (stored in the table); accepting it queues the backfill on the
     * poll queue ({@code POLL_QUEUE_URL}).
     */
    static BackfillOffering backfillOffering() {
        return new BackfillOffering(shops(), new DynamoDbBackfillOffers(DYNAMO, table()),
                PollQueueBackfillRequests.fromEnvironment());
    }
}
