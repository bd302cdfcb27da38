package dev.doorstep.tracking;

import dev.doorstep.aftership.AfterShipClient;
import dev.doorstep.aftership.AfterShipConfig;
import dev.doorstep.aftership.AfterShipTrackingService;
import dev.doorstep.aftership.CarrierSlugs;
import dev.doorstep.aftership.KmsApiKeyCipher;
import dev.doorstep.aftership.StoredApiKeys;
import dev.doorstep.core.planning.ReviewRequestPlanner;
import dev.doorstep.core.timing.TimingPolicy;
import dev.doorstep.core.tracking.TrackingCreation;
import dev.doorstep.lambda.AwsClients;
import dev.doorstep.scheduling.EventBridgeOrderWakeUps;
import dev.doorstep.scheduling.EventBridgeReviewScheduler;
import dev.doorstep.store.DynamoDbAfterShipCredentialStore;
import dev.doorstep.store.DynamoDbOrderStore;
import dev.doorstep.store.DynamoDbShopStore;
import dev.doorstep.store.DynamoDbTrackingIndex;
import java.time.Clock;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kms.KmsClient;

/**
 * The function's real collaborators, built once in the init phase from the environment
 * ({@code TABLE_NAME}, {@code AFTERSHIP_API_BASE_URL}, {@code AFTERSHIP_API_VERSION},
 * {@code AFTERSHIP_KEYS_KMS_KEY_ID}, the scheduler's own variables and {@code WAKE_UP_QUEUE_ARN}, where
 * tracking retries are woken up).
 */
final class TrackingCreatorWiring {

    private TrackingCreatorWiring() {
    }

    static TrackingCreation creation() {
        DynamoDbClient dynamo = AwsClients.build(DynamoDbClient.builder());
        String table = AwsClients.requiredEnv("TABLE_NAME");
        var orders = new DynamoDbOrderStore(dynamo, table);
        var keys = new StoredApiKeys(new DynamoDbAfterShipCredentialStore(dynamo, table),
                new KmsApiKeyCipher(AwsClients.build(KmsClient.builder()), AwsClients.requiredEnv("AFTERSHIP_KEYS_KMS_KEY_ID")),
                Clock.systemUTC());
        var aftership = new AfterShipTrackingService(new AfterShipClient(AfterShipConfig.fromEnvironment(System.getenv())),
                keys, CarrierSlugs.standard());
        TimingPolicy policy = new TimingPolicy();
        return new TrackingCreation(orders, new DynamoDbShopStore(dynamo, table), aftership,
                new ReviewRequestPlanner(policy, orders, EventBridgeReviewScheduler.fromEnvironment()), policy,
                EventBridgeOrderWakeUps.fromEnvironment(), new DynamoDbTrackingIndex(dynamo, table));
    }
}
