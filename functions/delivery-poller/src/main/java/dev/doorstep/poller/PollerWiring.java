package dev.doorstep.poller;

import dev.doorstep.aftership.AfterShipClient;
import dev.doorstep.aftership.AfterShipConfig;
import dev.doorstep.aftership.AfterShipTrackingService;
import dev.doorstep.aftership.CarrierSlugs;
import dev.doorstep.aftership.KmsApiKeyCipher;
import dev.doorstep.aftership.StoredApiKeys;
import dev.doorstep.core.delivery.DeliveryUpdates;
import dev.doorstep.core.delivery.FallbackDeadlines;
import dev.doorstep.core.intake.Backfill;
import dev.doorstep.core.intake.BackfillOffering;
import dev.doorstep.core.intake.ShopBackfill;
import dev.doorstep.core.planning.ReviewRequestPlanner;
import dev.doorstep.core.polling.DueWorkSweep;
import dev.doorstep.core.polling.ShopPoll;
import dev.doorstep.core.port.BackfillOffers;
import dev.doorstep.core.port.BackfillRequests;
import dev.doorstep.core.port.OrderSource;
import dev.doorstep.core.port.OrderStore;
import dev.doorstep.core.port.OrderWakeUps;
import dev.doorstep.core.port.ReviewRequestScheduler;
import dev.doorstep.core.port.ShopStore;
import dev.doorstep.core.port.TrackingIndex;
import dev.doorstep.core.timing.TimingPolicy;
import dev.doorstep.core.tracking.TrackingCreation;
import dev.doorstep.core.tracking.TrackingService;
import dev.doorstep.lambda.AwsClients;
import dev.doorstep.scheduling.EventBridgeOrderWakeUps;
import dev.doorstep.scheduling.EventBridgeReviewScheduler;
import dev.doorstep.store.DynamoDbAfterShipCredentialStore;
import dev.doorstep.store.DynamoDbBackfillOffers;
import dev.doorstep.store.DynamoDbOrderStore;
import dev.doorstep.store.DynamoDbShopStore;
import dev.doorstep.store.DynamoDbTrackingIndex;
import java.time.Clock;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kms.KmsClient;

/**
 * The real collaborators, built once per container from the function's environment (template.yaml):
 * the table, AfterShip with the shops' KMS-encrypted keys, and the review-request scheduler.
 */
public record PollerWiring(ShopStore shops, OrderStore orders, TrackingService aftership, ReviewRequestScheduler scheduler,
        OrderWakeUps wakeUps, TrackingIndex trackingIndex) {

    /** Without wake-ups or tracking index: due work waits for the sweep, trackings map by their order_id only. */
    public PollerWiring(ShopStore shops, OrderStore orders, TrackingService aftership, ReviewRequestScheduler scheduler) {
        this(shops, orders, aftership, scheduler, OrderWakeUps.NONE, TrackingIndex.NONE);
    }

    public PollerWiring(ShopStore shops, OrderStore orders, TrackingService aftership, ReviewRequestScheduler scheduler,
            OrderWakeUps wakeUps) {
        this(shops, orders, aftership, scheduler, wakeUps, TrackingIndex.NONE);
    }

    static PollerWiring fromEnvironment() {
        return fromEnvironment(AwsClients.build(DynamoDbClient.builder()), AwsClients.build(KmsClient.builder()));
    }

    /** With the container's clients, which the poll worker shares with its backfill's wiring. */
    static PollerWiring fromEnvironment(DynamoDbClient dynamo, KmsClient kms) {
        String table = AwsClients.requiredEnv("TABLE_NAME");
        var cipher = new KmsApiKeyCipher(kms, AwsClients.requiredEnv("AFTERSHIP_KEYS_KMS_KEY_ID"));
        var keys = new StoredApiKeys(new DynamoDbAfterShipCredentialStore(dynamo, table), cipher, Clock.systemUTC());
        var aftership = new AfterShipTrackingService(new AfterShipClient(AfterShipConfig.fromEnvironment(System.getenv())),
                keys, CarrierSlugs.standard());
        return new PollerWiring(new DynamoDbShopStore(dynamo, table), new DynamoDbOrderStore(dynamo, table), aftership,
                EventBridgeReviewScheduler.fromEnvironment(), EventBridgeOrderWakeUps.fromEnvironment(),
                new DynamoDbTrackingIndex(dynamo, table));
    }

    public ShopPoll shopPoll() {
        TimingPolicy policy = new TimingPolicy();
        ReviewRequestPlanner planner = new ReviewRequestPlanner(policy, orders, scheduler);
        return new ShopPoll(shops, orders, aftership, new DeliveryUpdates(orders, shops, policy, planner), trackingIndex);
    }

    /**
     * Backfills of requested shops, reading their orders from {@code source}, at most 100 sends a day; each
     * outcome is recorded on the shop's offer in {@code offers}.
     */
    public ShopBackfill backfill(OrderSource source, BackfillOffers offers) {
        TimingPolicy policy = new TimingPolicy();
        ReviewRequestPlanner planner = new ReviewRequestPlanner(policy, orders, scheduler);
        return new ShopBackfill(shops, new Backfill(source, orders, planner, policy, Backfill.DEFAULT_PER_DAY),
                new BackfillOffering(shops, offers, BackfillRequests.NONE));
    }

    /** The shops' backfill offers in the table ({@code TABLE_NAME}). */
    static BackfillOffers backfillOffersFromEnvironment(DynamoDbClient dynamo) {
        return new DynamoDbBackfillOffers(dynamo, AwsClients.requiredEnv("TABLE_NAME"));
    }

    public DueWorkSweep sweep() {
        TimingPolicy policy = new TimingPolicy();
        ReviewRequestPlanner planner = new ReviewRequestPlanner(policy, orders, scheduler);
        return new DueWorkSweep(orders, shops, new TrackingCreation(orders, shops, aftership, planner, policy, wakeUps,
                trackingIndex),
                new FallbackDeadlines(orders, shops, planner), planner, scheduler, wakeUps);
    }
}
