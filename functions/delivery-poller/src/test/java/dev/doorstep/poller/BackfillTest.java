package dev.doorstep.poller;

import static org.assertj.core.api.Assertions.assertThat;

import dev.doorstep.aftership.AfterShipClient;
import dev.doorstep.aftership.AfterShipConfig;
import dev.doorstep.aftership.AfterShipTrackingService;
import dev.doorstep.aftership.ApiKey;
import dev.doorstep.aftership.CarrierSlugs;
import dev.doorstep.aftership.sandbox.AfterShipSandbox;
import dev.doorstep.core.intake.Backfill;
import dev.doorstep.core.intake.BackfillOutcome;
import dev.doorstep.core.intake.FulfillmentFact;
import dev.doorstep.core.memory.InMemoryReviewRequestScheduler;
import dev.doorstep.core.model.Customer;
import dev.doorstep.core.model.Fulfillment;
import dev.doorstep.core.model.Order;
import dev.doorstep.core.model.OrderKey;
import dev.doorstep.core.model.OrderStatus;
import dev.doorstep.core.model.SendWindow;
import dev.doorstep.core.model.Shop;
import dev.doorstep.core.model.ShopSettings;
import dev.doorstep.core.planning.ReviewRequestPlanner;
import dev.doorstep.core.port.OrderSource;
import dev.doorstep.core.port.OrderWakeUps;
import dev.doorstep.core.port.Page;
import dev.doorstep.core.timing.FulfillmentTimingCause;
import dev.doorstep.core.timing.TimingBasis;
import dev.doorstep.core.timing.TimingPolicy;
import dev.doorstep.core.tracking.CreationOutcome;
import dev.doorstep.core.tracking.TrackingCreation;
import dev.doorstep.emulator.WithAwsEmulator;
import dev.doorstep.store.DoorstepTable;
import dev.doorstep.store.DynamoDbOrderStore;
import dev.doorstep.store.DynamoDbShopStore;
import dev.doorstep.store.DynamoDbTrackingIndex;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Orders from before the switch-on, over the wire: DynamoDB in the emulator, AfterShip in the sandbox, the
 * orders from a stand-in {@link OrderSource} (Shopify's Admin API in production).
 */
@WithAwsEmulator
class BackfillTest {

    static final AfterShipSandbox SANDBOX = AfterShipSandbox.start();
    static final Instant NOW = Instant.parse("2026-03-20T07:30:00Z");
    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    static final int PER_DAY = 40;
    static final TimingPolicy POLICY = new TimingPolicy();

    final DynamoDbOrderStore orders;
    final String shop = "shop-" + UUID.randomUUID().toString().substring(0, 8) + ".myshopify.com";
    final ShopSettings settings;
    final InMemoryReviewRequestScheduler sends = new InMemoryReviewRequestScheduler();
    final TrackingCreation creation;
    final List<FulfillmentFact> shopify = new ArrayList<>();
    final Backfill backfill;
    final PollerWiring poll;

    BackfillTest(DynamoDbClient dynamo) {
        String table = "backfill-" + UUID.randomUUID();
        DoorstepTable.create(dynamo, table);
        var shops = new DynamoDbShopStore(dynamo, table);
        orders = new DynamoDbOrderStore(dynamo, table);
        SANDBOX.reset();
        SANDBOX.clock(NOW);
        settings = ShopSettings.defaults(shop).toBuilder().shopCountry("US").aftershipEnabled(true)
                .timeZone(BERLIN).sendWindow(new SendWindow(LocalTime.of(9, 0), LocalTime.of(17, 0))).build();
        shops.save(Shop.installed(settings));
        AfterShipTrackingService aftership = new AfterShipTrackingService(new AfterShipClient(
                AfterShipConfig.defaults(SANDBOX.baseUrl()).withTimeouts(Duration.ofSeconds(2), Duration.ofMillis(20))),
                s -> Optional.of(new ApiKey("key-" + s)), CarrierSlugs.standard());
        var planner = new ReviewRequestPlanner(POLICY, orders, sends);
        creation = new TrackingCreation(orders, shops, aftership, planner, POLICY, OrderWakeUps.NONE,
                new DynamoDbTrackingIndex(dynamo, table));
        OrderSource source = (s, since, cursor) -> {
            // two pages, as the Admin API pages them
            int from = cursor == null ? 0 : Integer.parseInt(cursor);
            int to = Math.min(from + 50, shopify.size());
            return new Page<>(shopify.subList(from, to).stream().filter(f -> s.equals(f.key().shop())).toList(),
                    to < shopify.size() ? String.valueOf(to) : null);
        };
        backfill = new Backfill(source, orders, planner, POLICY, PER_DAY);
        poll = new PollerWiring(shops, orders, aftership, sends, OrderWakeUps.NONE, new DynamoDbTrackingIndex(dynamo, table));
    }

    @AfterAll
    static void stop() {
        SANDBOX.close();
    }

    FulfillmentFact fulfilled(String orderId, Instant at, String number) {
        return new FulfillmentFact(new OrderKey(shop, orderId), "#" + orderId,
                new Fulfillment("f-" + orderId, at, number, number == null ? null : "UPS", "US"),
                new Customer("c-" + orderId, "Ada", "ada@example.com", null), List.of());
    }

    @Test
    void recentOrdersAreTakenInTrackedAtTheRulesAndTheirSendsSpreadOverTheWindowWithoutASecondEmail() {
        List<OrderKey> trackable = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            FulfillmentFact f = fulfilled("40" + i, NOW.minus(Duration.ofDays(20 + i)), "1ZTRANSITBF0" + i);
            shopify.add(f);
            trackable.add(f.key());
        }
        for (int i = 0; i < 100; i++) { // no tracking number: fulfillment timing, long past
            shopify.add(fulfilled(String.valueOf(5000 + i), NOW.minus(Duration.ofDays(10 + i % 15)), null));
        }
        shopify.add(fulfilled("6000", NOW.minus(Duration.ofDays(40)), "1ZTOOOLD0001"));
        OrderKey known = fulfilled("7000", NOW.minus(Duration.ofDays(9)), null).key();
        Order sent = Order.received(known, "#7000", shopify.get(3).fulfillment(), shopify.get(3).customer(), List.of(),
                NOW.minus(Duration.ofDays(9)));
        orders.insert(sent.moveTo(OrderStatus.CANCELLED, "cancelled in Shopify", NOW.minus(Duration.ofDays(8))));
        shopify.add(fulfilled("7000", NOW.minus(Duration.ofDays(9)), null));

        BackfillOutcome outcome = backfill.run(Shop.installed(settings), NOW);

        assertThat(outcome).isEqualTo(new BackfillOutcome(105, 3, 100, 1, 1));
        assertThat(orders.find(known).orElseThrow().status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(orders.find(new OrderKey(shop, "6000"))).isEmpty();

        // the tracking creator takes the trackable ones as it takes any new order: AfterShip, then waiting
        for (OrderKey key : trackable) {
            var waiting = (CreationOutcome.WaitingForDelivery) creation.attempt(key, NOW, true);
            SANDBOX.deliver(waiting.trackingId(), NOW.minus(Duration.ofDays(15))); // long ago
        }
        assertThat(SANDBOX.requests("key-" + shop)).filteredOn(r -> r.method().equals("POST")).hasSize(3);
        // the poll finds them delivered long ago: each goes out at its backfill slot, not all at once now
        Instant pollStart = NOW.plus(Duration.ofHours(1));
        poll.shopPoll().poll(shop, pollStart, pollStart.plusSeconds(60));
        List<Order> delivered = trackable.stream().map(k -> orders.find(k).orElseThrow()).toList();
        assertThat(delivered).allSatisfy(o -> {
            assertThat(o.status()).isEqualTo(OrderStatus.SCHEDULED);
            assertThat(o.sendAt()).isEqualTo(o.sendNotBefore()).isAfter(pollStart);
            assertThat(o.sendAt().atZone(BERLIN).toLocalTime()).isBetween(LocalTime.of(9, 0), LocalTime.of(17, 0));
        });
        assertThat(delivered.stream().map(o -> o.sendAt().getEpochSecond() / 60).distinct()).hasSize(3);

        List<Order> scheduled = shopify.stream().map(f -> orders.find(f.key())).flatMap(Optional::stream)
                .filter(o -> o.status() == OrderStatus.SCHEDULED).toList();
        assertThat(scheduled).hasSize(100 + 3);
        scheduled = scheduled.stream().filter(o -> !trackable.contains(o.key())).toList();
        Map<LocalDate, Long> perDay = scheduled.stream().collect(Collectors.groupingBy(
                o -> o.sendAt().atZone(BERLIN).toLocalDate(), Collectors.counting()));
        assertThat(perDay.values()).allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(PER_DAY));
        assertThat(perDay).hasSize(3);
        for (Order o : scheduled) {
            LocalTime local = o.sendAt().atZone(BERLIN).toLocalTime();
            assertThat(local).isBetween(LocalTime.of(9, 0), LocalTime.of(17, 0));
            Instant rules = POLICY.decide(settings, o.fulfillment(),
                    TimingBasis.fromFulfillment(FulfillmentTimingCause.NO_TRACKING_NUMBER), NOW).sendAt();
            assertThat(o.sendAt()).isAfterOrEqualTo(rules);
            assertThat(sends.schedules()).containsEntry(o.key(), o.sendAt());
        }
        // no two sends in the same minute
        assertThat(scheduled.stream().map(o -> o.sendAt().getEpochSecond() / 60).distinct()).hasSize(100);
        Map<LocalDate, Long> allPerDay = java.util.stream.Stream.concat(scheduled.stream(), delivered.stream())
                .collect(Collectors.groupingBy(o -> o.sendAt().atZone(BERLIN).toLocalDate(), Collectors.counting()));
        assertThat(allPerDay.values()).allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(PER_DAY));

        Map<OrderKey, Long> versions = shopify.stream().map(f -> orders.find(f.key())).flatMap(Optional::stream)
                .collect(Collectors.toMap(Order::key, Order::version));
        BackfillOutcome again = backfill.run(Shop.installed(settings), NOW.plus(Duration.ofMinutes(5)));

        assertThat(again).isEqualTo(new BackfillOutcome(105, 0, 0, 104, 1));
        assertThat(shopify.stream().map(f -> orders.find(f.key())).flatMap(Optional::stream)
                .collect(Collectors.toMap(Order::key, Order::version))).isEqualTo(versions);
        assertThat(SANDBOX.requests("key-" + shop)).filteredOn(r -> r.method().equals("POST")).hasSize(3);
    }
}
