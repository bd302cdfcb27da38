package dev.doorstep.poller;

import static org.assertj.core.api.Assertions.assertThat;

import dev.doorstep.aftership.AfterShipClient;
import dev.doorstep.aftership.AfterShipConfig;
import dev.doorstep.aftership.AfterShipTrackingService;
import dev.doorstep.aftership.ApiKey;
import dev.doorstep.aftership.CarrierSlugs;
import dev.doorstep.aftership.sandbox.AfterShipSandbox;
import dev.doorstep.core.memory.InMemoryReviewRequestScheduler;
import dev.doorstep.core.model.Order;
import dev.doorstep.core.model.OrderKey;
import dev.doorstep.core.model.OrderStatus;
import dev.doorstep.core.model.Shop;
import dev.doorstep.core.model.ShopSettings;
import dev.doorstep.core.planning.ReviewRequestPlanner;
import dev.doorstep.core.polling.ShopPollOutcome;
import dev.doorstep.core.port.OrderWakeUps;
import dev.doorstep.core.timing.TimingBasis;
import dev.doorstep.core.timing.TimingPolicy;
import dev.doorstep.core.timing.TimingReason;
import dev.doorstep.core.tracking.CreationOutcome;
import dev.doorstep.core.tracking.TrackingCreation;
import dev.doorstep.emulator.WithAwsEmulator;
import dev.doorstep.store.DoorstepTable;
import dev.doorstep.store.DynamoDbOrderStore;
import dev.doorstep.store.DynamoDbShopStore;
import dev.doorstep.store.DynamoDbTrackingIndex;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * A tracking AfterShip already had counts: the order that takes it on "already exists" (4003) is found by
 * the poll through the tracking index, whatever the tracking's own order_id says (AfterShip's Shopify app
 * puts its own there) and however many orders share the number. Over the wire: DynamoDB in the emulator,
 * AfterShip in the sandbox.
 */
@WithAwsEmulator
class TrackingIndexPollTest {

    static final AfterShipSandbox SANDBOX = AfterShipSandbox.start();
    static final Instant FULFILLED = Instant.parse("2026-03-02T10:00:00Z");
    static final Instant DELIVERED = Instant.parse("2026-03-06T15:30:00Z");
    static final Instant POLL_START = Instant.parse("2026-03-09T12:00:00Z");
    static final TimingPolicy POLICY = new TimingPolicy();

    final DynamoDbShopStore shops;
    final DynamoDbOrderStore orders;
    final String shop = "shop-" + UUID.randomUUID().toString().substring(0, 8) + ".myshopify.com";
    final ShopSettings settings;
    final PollerWiring wiring;
    final TrackingCreation creation;

    TrackingIndexPollTest(DynamoDbClient dynamo) {
        String table = "index-" + UUID.randomUUID();
        DoorstepTable.create(dynamo, table);
        shops = new DynamoDbShopStore(dynamo, table);
        orders = new DynamoDbOrderStore(dynamo, table);
        SANDBOX.reset();
        SANDBOX.clock(FULFILLED);
        settings = ShopSettings.defaults(shop).toBuilder().shopCountry("US").aftershipEnabled(true).build();
        shops.save(Shop.installed(settings));
        AfterShipTrackingService aftership = new AfterShipTrackingService(new AfterShipClient(
                AfterShipConfig.defaults(SANDBOX.baseUrl()).withTimeouts(Duration.ofSeconds(2), Duration.ofMillis(20))),
                s -> Optional.of(new ApiKey(PromisedTimesTest.apiKey(s))), CarrierSlugs.standard());
        var index = new DynamoDbTrackingIndex(dynamo, table);
        var sends = new InMemoryReviewRequestScheduler();
        wiring = new PollerWiring(shops, orders, aftership, sends, OrderWakeUps.NONE, index);
        creation = new TrackingCreation(orders, shops, aftership, new ReviewRequestPlanner(POLICY, orders, sends), POLICY,
                OrderWakeUps.NONE, index);
    }

    @AfterAll
    static void stop() {
        SANDBOX.close();
    }

    OrderKey creating(String orderId, String number) {
        OrderKey key = new OrderKey(shop, orderId);
        orders.insert(PromisedTimesTest.received(key, number, FULFILLED)
                .moveTo(OrderStatus.CREATING_TRACKING, "trackable", FULFILLED));
        return key;
    }

    ShopPollOutcome pollAfterDelivery(String trackingId) {
        SANDBOX.clock(DELIVERED);
        assertThat(SANDBOX.deliver(trackingId, DELIVERED)).isTrue();
        SANDBOX.clock(POLL_START.minus(Duration.ofMinutes(1)));
        return new ShopPollWorkerHarness(wiring).poll(shop, POLL_START);
    }

    void assertTimedOnDelivery(OrderKey key) {
        Order order = orders.find(key).orElseThrow();
        assertThat(order.status()).isEqualTo(OrderStatus.SCHEDULED);
        assertThat(order.deliveredAt()).isEqualTo(DELIVERED);
        Instant expected = POLICY.decide(settings, order.fulfillment(), new TimingBasis.Delivered(DELIVERED),
                POLL_START).sendAt();
        assertThat(order.sendAt()).isEqualTo(expected);
        assertThat(order.sendReason()).isIn(TimingReason.DELIVERY_BASED, TimingReason.MINIMUM_DELAY_FLOOR);
    }

    @Test
    void aTrackingMadeByAfterShipsShopifyAppIsFollowedByTheOrderThatTookIt() {
        // AfterShip's Shopify app imported the fulfillment first, with its own order reference
        String theirs = SandboxTrackings.create(SANDBOX, PromisedTimesTest.apiKey(shop), "1ZIMPORTED01", "#1001");
        OrderKey key = creating("3001", "1ZIMPORTED01");

        CreationOutcome outcome = creation.attempt(key, FULFILLED.plusSeconds(30), false);

        assertThat(outcome).isEqualTo(new CreationOutcome.WaitingForDelivery(theirs, true));
        ShopPollOutcome polled = pollAfterDelivery(theirs);
        assertThat(polled.scheduledOnDelivery()).isEqualTo(1);
        assertThat(polled.notOurs()).isZero();
        assertTimedOnDelivery(key);
    }

    @Test
    void aNumberSharedByTwoOrdersTimesBoth() {
        OrderKey first = creating("3002", "1ZSHARED0002");
        OrderKey second = creating("3003", "1ZSHARED0002");

        var one = (CreationOutcome.WaitingForDelivery) creation.attempt(first, FULFILLED.plusSeconds(30), false);
        var two = (CreationOutcome.WaitingForDelivery) creation.attempt(second, FULFILLED.plusSeconds(40), false);

        assertThat(two.trackingId()).isEqualTo(one.trackingId());
        assertThat(two.alreadyExisted()).isTrue();
        ShopPollOutcome polled = pollAfterDelivery(one.trackingId());
        assertThat(polled.scheduledOnDelivery()).isEqualTo(2);
        assertTimedOnDelivery(first);
        assertTimedOnDelivery(second);
    }

    @Test
    void aTrackingNoOrderTookIsStillNotOurs() {
        String stranger = SandboxTrackings.create(SANDBOX, PromisedTimesTest.apiKey(shop), "1ZSTRANGER01", "#77");

        ShopPollOutcome polled = pollAfterDelivery(stranger);

        assertThat(polled.notOurs()).isEqualTo(1);
        assertThat(polled.scheduledOnDelivery()).isZero();
    }

    /** Runs one shop's poll as the worker would. */
    record ShopPollWorkerHarness(PollerWiring wiring) {
        ShopPollOutcome poll(String shop, Instant pollStart) {
            return wiring.shopPoll().poll(shop, pollStart, pollStart.plus(Duration.ofMinutes(1)));
        }
    }
}
