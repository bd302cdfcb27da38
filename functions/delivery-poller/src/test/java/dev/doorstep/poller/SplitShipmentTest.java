package dev.doorstep.poller;

import static org.assertj.core.api.Assertions.assertThat;

import dev.doorstep.aftership.AfterShipClient;
import dev.doorstep.aftership.AfterShipConfig;
import dev.doorstep.aftership.AfterShipTrackingService;
import dev.doorstep.aftership.ApiKey;
import dev.doorstep.aftership.CarrierSlugs;
import dev.doorstep.aftership.sandbox.AfterShipSandbox;
import dev.doorstep.core.intake.FulfillmentFact;
import dev.doorstep.core.intake.FulfillmentIntake;
import dev.doorstep.core.intake.ShopifyEvent;
import dev.doorstep.core.memory.InMemoryReviewRequestScheduler;
import dev.doorstep.core.model.Customer;
import dev.doorstep.core.model.Fulfillment;
import dev.doorstep.core.model.Order;
import dev.doorstep.core.model.OrderKey;
import dev.doorstep.core.model.OrderStatus;
import dev.doorstep.core.model.Shop;
import dev.doorstep.core.model.ShopSettings;
import dev.doorstep.core.model.SplitShipmentTiming;
import dev.doorstep.core.planning.ReviewRequestPlanner;
import dev.doorstep.core.port.OrderWakeUps;
import dev.doorstep.core.timing.TimingBasis;
import dev.doorstep.core.timing.TimingPolicy;
import dev.doorstep.core.tracking.TrackingCreation;
import dev.doorstep.emulator.WithAwsEmulator;
import dev.doorstep.store.DoorstepTable;
import dev.doorstep.store.DynamoDbOrderStore;
import dev.doorstep.store.DynamoDbShopStore;
import dev.doorstep.store.DynamoDbTrackingIndex;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Split shipments over the wire (DynamoDB in the emulator, AfterShip in the sandbox): with
 * {@code splitShipmentTiming = LAST} every fulfillment's tracking is followed and the request is timed on the
 * last parcel's delivery, minimum delay and fallback from the last fulfillment; with the default {@code FIRST}
 * the seed's rule stays.
 */
@WithAwsEmulator
class SplitShipmentTest {

    static final AfterShipSandbox SANDBOX = AfterShipSandbox.start();
    static final Instant F1 = Instant.parse("2026-03-02T10:00:00Z");
    static final Instant F2 = Instant.parse("2026-03-04T10:00:00Z");
    static final Instant D1 = Instant.parse("2026-03-05T09:00:00Z");
    static final Instant D2 = Instant.parse("2026-03-07T15:00:00Z");
    static final TimingPolicy POLICY = new TimingPolicy();

    final DynamoDbClient dynamo;
    final String table = "split-" + UUID.randomUUID();
    final DynamoDbShopStore shops;
    final DynamoDbOrderStore orders;
    final DynamoDbTrackingIndex index;
    final AfterShipTrackingService aftership;
    final InMemoryReviewRequestScheduler sends = new InMemoryReviewRequestScheduler();

    SplitShipmentTest(DynamoDbClient dynamo) {
        this.dynamo = dynamo;
        DoorstepTable.create(dynamo, table);
        shops = new DynamoDbShopStore(dynamo, table);
        orders = new DynamoDbOrderStore(dynamo, table);
        index = new DynamoDbTrackingIndex(dynamo, table);
        SANDBOX.reset();
        aftership = new AfterShipTrackingService(new AfterShipClient(AfterShipConfig.defaults(SANDBOX.baseUrl())
                .withTimeouts(Duration.ofSeconds(2), Duration.ofMillis(20))),
                s -> Optional.of(new ApiKey("key-" + s)), CarrierSlugs.standard());
    }

    @AfterAll
    static void stop() {
        SANDBOX.close();
    }

    ShopSettings shop(SplitShipmentTiming timing) {
        String shop = "shop-" + UUID.randomUUID().toString().substring(0, 8) + ".myshopify.com";
        ShopSettings settings = ShopSettings.defaults(shop).toBuilder().shopCountry("US").aftershipEnabled(true)
                .splitShipmentTiming(timing).build();
        shops.save(Shop.installed(settings));
        return settings;
    }

    PollerWiring wiring() {
        return new PollerWiring(shops, orders, aftership, sends, OrderWakeUps.NONE, index);
    }

    TrackingCreation creation() {
        return new TrackingCreation(orders, shops, aftership, new ReviewRequestPlanner(POLICY, orders, sends), POLICY,
                OrderWakeUps.NONE, index);
    }

    void fulfilled(ShopSettings settings, String orderId, String fulfillmentId, Instant at, String number) {
        FulfillmentIntake intake = new FulfillmentIntake(orders, orders, new ReviewRequestPlanner(POLICY, orders, sends),
                POLICY, Clock.fixed(at.plusSeconds(5), ZoneOffset.UTC));
        intake.receive(shops.find(settings.shop()).orElseThrow(), new ShopifyEvent("w-" + fulfillmentId,
                "e-" + fulfillmentId, at), new FulfillmentFact(new OrderKey(settings.shop(), orderId), "#" + orderId,
                new Fulfillment(fulfillmentId, at, number, "UPS", "US"),
                new Customer("c1", "Ada", "ada@example.com", null), List.of()));
    }

    String trackingOf(String number) {
        return SANDBOX.trackingIds().stream()
                .filter(id -> SANDBOX.tracking(id, "2026-07").orElseThrow().path("tracking_number").asText()
                        .equals(number)).findFirst().orElseThrow();
    }

    void deliverAndPoll(String shop, String number, Instant deliveredAt, Instant pollStart) {
        SANDBOX.clock(deliveredAt);
        assertThat(SANDBOX.deliver(trackingOf(number), deliveredAt)).isTrue();
        wiring().shopPoll().poll(shop, pollStart, pollStart.plusSeconds(60));
    }

    @Test
    void timedOnTheLastParcelEveryTrackingIsFollowedAndTheStatusNamesWhatIsStillOnItsWay() {
        ShopSettings settings = shop(SplitShipmentTiming.LAST);
        OrderKey key = new OrderKey(settings.shop(), "8001");
        SANDBOX.clock(F1);
        fulfilled(settings, "8001", "f1", F1, "1ZTRANSITA1");
        creation().attempt(key, F1.plusSeconds(10), false);
        assertThat(orders.find(key).orElseThrow().status()).isEqualTo(OrderStatus.WAITING_FOR_DELIVERY);

        fulfilled(settings, "8001", "f2", F2, "1ZTRANSITA2");

        Order two = orders.find(key).orElseThrow();
        assertThat(two.parcels()).hasSize(1);
        assertThat(two.fallbackDeadline()).isEqualTo(F2.plus(Duration.ofDays(settings.fallbackDays())));
        assertThat(two.statusReason()).contains("1ZTRANSITA1 (UPS)", "1ZTRANSITA2 (UPS)");

        // the sweep creates the later parcel's tracking
        SANDBOX.clock(F2.plus(Duration.ofHours(1)));
        wiring().sweep().sweep(F2.plus(Duration.ofHours(1)), () -> true);
        assertThat(SANDBOX.requests("key-" + settings.shop())).filteredOn(r -> r.method().equals("POST")).hasSize(2);
        assertThat(orders.find(key).orElseThrow().parcels().getFirst().trackingId()).isEqualTo(trackingOf("1ZTRANSITA2"));

        deliverAndPoll(settings.shop(), "1ZTRANSITA1", D1, Instant.parse("2026-03-05T12:00:00Z"));

        Order first = orders.find(key).orElseThrow();
        assertThat(first.status()).isEqualTo(OrderStatus.WAITING_FOR_DELIVERY);
        assertThat(first.statusReason()).contains("still on their way: 1ZTRANSITA2 (UPS)")
                .doesNotContain("1ZTRANSITA1");

        deliverAndPoll(settings.shop(), "1ZTRANSITA2", D2, Instant.parse("2026-03-08T12:00:00Z"));

        Order last = orders.find(key).orElseThrow();
        assertThat(last.status()).isEqualTo(OrderStatus.SCHEDULED);
        assertThat(last.deliveredAt()).isEqualTo(D2);
        Instant expected = POLICY.decide(settings, new Fulfillment("f2", F2, "1ZTRANSITA2", "UPS", "US"),
                new TimingBasis.Delivered(D2), Instant.parse("2026-03-08T12:01:00Z")).sendAt();
        assertThat(last.sendAt()).isEqualTo(expected);
        // the minimum delay counts from the last fulfillment (F2 + 7 days), later than D2 + 3 days
        assertThat(expected).isEqualTo(F2.plus(Duration.ofDays(7)));
        assertThat(sends.schedules()).containsEntry(key, expected);
    }

    @Test
    void theDefaultKeepsTheSeedsRuleTheInitialFulfillmentOnly() {
        ShopSettings settings = shop(SplitShipmentTiming.FIRST);
        OrderKey key = new OrderKey(settings.shop(), "8002");
        SANDBOX.clock(F1);
        fulfilled(settings, "8002", "g1", F1, "1ZTRANSITB1");
        creation().attempt(key, F1.plusSeconds(10), false);
        fulfilled(settings, "8002", "g2", F2, "1ZTRANSITB2");

        assertThat(orders.find(key).orElseThrow().parcels()).isEmpty();
        deliverAndPoll(settings.shop(), "1ZTRANSITB1", D1, Instant.parse("2026-03-05T12:00:00Z"));

        Order order = orders.find(key).orElseThrow();
        assertThat(order.status()).isEqualTo(OrderStatus.SCHEDULED);
        assertThat(order.sendAt()).isEqualTo(POLICY.decide(settings, order.fulfillment(), new TimingBasis.Delivered(D1),
                Instant.parse("2026-03-05T12:01:00Z")).sendAt());
    }
}
