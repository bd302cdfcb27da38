package dev.doorstep.core.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import dev.doorstep.core.memory.InMemoryOrderStore;
import dev.doorstep.core.memory.InMemoryShopStore;
import dev.doorstep.core.model.Customer;
import dev.doorstep.core.model.Fulfillment;
import dev.doorstep.core.model.Order;
import dev.doorstep.core.model.OrderKey;
import dev.doorstep.core.model.OrderStatus;
import dev.doorstep.core.model.Shop;
import dev.doorstep.core.model.ShopSettings;
import dev.doorstep.core.planning.ReviewRequestPlanner;
import dev.doorstep.core.port.Page;
import dev.doorstep.core.port.ReviewRequestScheduler;
import dev.doorstep.core.timing.TimingPolicy;
import dev.doorstep.core.timing.TimingReason;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class TrackingCreationTest {

    static final Instant FULFILLED = Instant.parse("2026-03-01T10:00:00Z");
    static final Instant NOW = FULFILLED.plusSeconds(60);
    static final OrderKey KEY = new OrderKey("demo.myshopify.com", "1001");

    final InMemoryOrderStore orders = new InMemoryOrderStore();
    final InMemoryShopStore shops = new InMemoryShopStore();
    final ScriptedAfterShip aftership = new ScriptedAfterShip();
    final RecordingScheduler scheduler = new RecordingScheduler();
    final TrackingCreation creation = new TrackingCreation(orders, shops, aftership,
            new ReviewRequestPlanner(new TimingPolicy(), orders, scheduler), new TimingPolicy());

    TrackingCreationTest() {
        shops.save(Shop.installed(ShopSettings.defaults(KEY.shop()).toBuilder().aftershipEnabled(true)
                .shopCountry("DE").build()));
    }

    Order creatingTracking() {
        Order o = Order.received(KEY, "#1001", new Fulfillment("f1", FULFILLED, "00340434161094042557", "DHL Express",
                "DE"), new Customer("c1", "Ada Buyer", "ada@example.com", "+49 30 1234"), List.of(), FULFILLED)
                .moveTo(OrderStatus.CREATING_TRACKING, "trackable", FULFILLED);
        orders.insert(o);
        return orders.find(KEY).orElseThrow();
    }

    @Test
    void firstTrySuccessWaitsForDelivery() {
        creatingTracking();
        aftership.answers.add(new TrackingCreated.Tracked("trk1", "dhl", false));

        CreationOutcome outcome = creation.attempt(KEY, NOW, true);

        assertThat(outcome).isEqualTo(new CreationOutcome.WaitingForDelivery("trk1", false));
        Order stored = orders.find(KEY).orElseThrow();
        assertThat(stored.status()).isEqualTo(OrderStatus.WAITING_FOR_DELIVERY);
        assertThat(stored.status().label()).isEqualTo("Waiting for delivery");
        assertThat(stored.trackingId()).isEqualTo("trk1");
        assertThat(stored.trackingAttempts()).isEqualTo(1);
        assertThat(stored.fallbackDeadline()).isEqualTo(FULFILLED.plus(Duration.ofDays(60)));
        assertThat(scheduler.scheduled).isEmpty();
    }

    @Test
    void anExistingTrackingIsUsed() {
        creatingTracking();
        aftership.answers.add(new TrackingCreated.Tracked("trk-old", "dhl", true));

        assertThat(creation.attempt(KEY, NOW, true)).isEqualTo(new CreationOutcome.WaitingForDelivery("trk-old", true));
        assertThat(orders.find(KEY).orElseThrow().statusReason()).contains("already tracked");
    }

    @Test
    void firstFailureRetriesAfterTwelveHoursAndKeepsTheReason() {
        creatingTracking();
        aftership.answers.add(new TrackingCreated.Failed(TrackingFailure.INVALID_TRACKING_NUMBER, "4005"));

        CreationOutcome outcome = creation.attempt(KEY, NOW, true);

        Instant retryAt = NOW.plus(Duration.ofHours(12));
        assertThat(outcome).isEqualTo(new CreationOutcome.RetryLater(TrackingFailure.INVALID_TRACKING_NUMBER, retryAt));
        Order stored = orders.find(KEY).orElseThrow();
        assertThat(stored.status()).isEqualTo(OrderStatus.TRACKING_RETRY);
        assertThat(stored.trackingRetryAt()).isEqualTo(retryAt);
        assertThat(stored.dueAt()).contains(retryAt);
        assertThat(stored.trackingAttempts()).isEqualTo(1);
        assertThat(stored.trackingFailure()).isEqualTo("INVALID_TRACKING_NUMBER");
        assertThat(stored.statusReason()).contains("invalid tracking number");
    }

    @Test
    void secondFailureFallsBackToFulfillmentTiming() {
        creatingTracking();
        aftership.answers.add(new TrackingCreated.Failed(TrackingFailure.COURIER_NOT_ENABLED, null));
        aftership.answers.add(new TrackingCreated.Failed(TrackingFailure.PLAN_LIMIT, null));
        creation.attempt(KEY, NOW, true);

        Instant later = NOW.plus(Duration.ofHours(12));
        CreationOutcome outcome = creation.attempt(KEY, later, false);

        // domestic (DE -> DE): fulfilledAt + max(7 wait days, 7 min delay)
        Instant sendAt = FULFILLED.plus(Duration.ofDays(7));
        assertThat(outcome).isEqualTo(new CreationOutcome.WillSend(TrackingFailure.PLAN_LIMIT, sendAt));
        Order stored = orders.find(KEY).orElseThrow();
        assertThat(stored.status()).isEqualTo(OrderStatus.SCHEDULED);
        assertThat(stored.sendAt()).isEqualTo(sendAt);
        assertThat(stored.sendReason()).isEqualTo(TimingReason.FULFILLMENT_BASED);
        assertThat(stored.trackingAttempts()).isEqualTo(2);
        assertThat(stored.trackingFailure()).isEqualTo("PLAN_LIMIT");
        assertThat(stored.statusReason()).contains("two attempts");
        assertThat(TrackingFailure.valueOf(stored.trackingFailure()).description()).contains("shipment limit");
        assertThat(scheduler.scheduled).containsExactly(new Scheduled(KEY, sendAt));
    }

    @Test
    void retryThatSucceedsWaitsForDelivery() {
        creatingTracking();
        aftership.answers.add(new TrackingCreated.Failed(TrackingFailure.INVALID_COURIER, null));
        aftership.answers.add(new TrackingCreated.Tracked("trk2", "dhl", false));
        creation.attempt(KEY, NOW, true);

        assertThat(creation.attempt(KEY, NOW.plus(Duration.ofHours(12)), false))
                .isInstanceOf(CreationOutcome.WaitingForDelivery.class);
        Order stored = orders.find(KEY).orElseThrow();
        assertThat(stored.status()).isEqualTo(OrderStatus.WAITING_FOR_DELIVERY);
        assertThat(stored.trackingFailure()).isNull();
    }

    @Test
    void aRetryIsNotTriedBeforeItIsDue() {
        creatingTracking();
        aftership.answers.add(new TrackingCreated.Failed(TrackingFailure.INVALID_COURIER, null));
        creation.attempt(KEY, NOW, true);

        assertThat(creation.attempt(KEY, NOW.plus(Duration.ofHours(1)), false))
                .isInstanceOf(CreationOutcome.NothingToDo.class);
        assertThat(aftership.requests).hasSize(1);
    }

    @Test
    void transientFailureWithARetryingCallerWritesNothingAndUsesNoAttempt() {
        Order before = creatingTracking();
        aftership.answers.add(new TrackingCreated.Failed(TrackingFailure.RATE_LIMITED, null));

        assertThat(creation.attempt(KEY, NOW, true))
                .isEqualTo(new CreationOutcome.TryAgainSoon(TrackingFailure.RATE_LIMITED));
        assertThat(orders.find(KEY).orElseThrow()).isEqualTo(before);
    }

    @Test
    void transientFailureWithoutARetryingCallerParksWithoutUsingAnAttempt() {
        creatingTracking();
        aftership.answers.add(new TrackingCreated.Failed(TrackingFailure.UNAVAILABLE, null));
        aftership.answers.add(new TrackingCreated.Failed(TrackingFailure.INVALID_TRACKING_NUMBER, null));
        aftership.answers.add(new TrackingCreated.Failed(TrackingFailure.INVALID_TRACKING_NUMBER, null));

        assertThat(creation.attempt(KEY, NOW, false))
                .isEqualTo(new CreationOutcome.Parked(TrackingFailure.UNAVAILABLE, NOW.plus(TrackingCreation.PARK_DELAY)));
        Order parked = orders.find(KEY).orElseThrow();
        assertThat(parked.status()).isEqualTo(OrderStatus.TRACKING_RETRY);
        assertThat(parked.trackingAttempts()).isZero();

        // the parked attempt did not count: two real failures are still needed before fulfillment timing
        Instant t1 = NOW.plus(Duration.ofHours(2));
        assertThat(creation.attempt(KEY, t1, false)).isInstanceOf(CreationOutcome.RetryLater.class);
        assertThat(creation.attempt(KEY, t1.plus(Duration.ofHours(12)), false))
                .isInstanceOf(CreationOutcome.WillSend.class);
    }

    @Test
    void integrationSwitchedOffMeanwhileUsesFulfillmentTimingWithoutAskingAfterShip() {
        creatingTracking();
        shops.save(Shop.installed(shops.find(KEY.shop()).orElseThrow().settings().toBuilder()
                .aftershipEnabled(false).build()));

        assertThat(creation.attempt(KEY, NOW, true)).isInstanceOf(CreationOutcome.WillSend.class);
        assertThat(orders.find(KEY).orElseThrow().statusReason()).contains("switched off");
        assertThat(aftership.requests).isEmpty();
    }

    @Test
    void ordersInOtherStatesAreLeftAlone() {
        orders.insert(Order.received(KEY, "#1001", new Fulfillment("f1", FULFILLED, "1", "UPS", "DE"), null,
                List.of(), FULFILLED));

        assertThat(creation.attempt(KEY, NOW, true)).isInstanceOf(CreationOutcome.NothingToDo.class);
        assertThat(creation.attempt(new OrderKey("demo.myshopify.com", "404"), NOW, true))
                .isInstanceOf(CreationOutcome.NothingToDo.class);
        assertThat(aftership.requests).isEmpty();
    }

    @Test
    void aConcurrentChangeIsReReadAndTheAnswerAppliedToTheFreshCopy() {
        creatingTracking();
        aftership.answers.add(new TrackingCreated.Tracked("trk3", "dhl", false));
        // while AfterShip answers, the intake fills in the order number (a second Shopify topic)
        aftership.onCreate = r -> {
            Order current = orders.find(KEY).orElseThrow();
            orders.update(current, current.toBuilder().orderNumber("#1001-B").build());
        };

        assertThat(creation.attempt(KEY, NOW, true)).isInstanceOf(CreationOutcome.WaitingForDelivery.class);
        Order stored = orders.find(KEY).orElseThrow();
        assertThat(stored.orderNumber()).isEqualTo("#1001-B");
        assertThat(stored.trackingId()).isEqualTo("trk3");
        assertThat(aftership.requests).hasSize(1);
    }

    @Test
    void aConcurrentCancellationWins() {
        creatingTracking();
        aftership.answers.add(new TrackingCreated.Tracked("trk4", "dhl", false));
        aftership.onCreate = r -> {
            Order current = orders.find(KEY).orElseThrow();
            orders.update(current, current.moveTo(OrderStatus.CANCELLED, "order cancelled", NOW));
        };

        assertThat(creation.attempt(KEY, NOW, true)).isInstanceOf(CreationOutcome.NothingToDo.class);
        assertThat(orders.find(KEY).orElseThrow().status()).isEqualTo(OrderStatus.CANCELLED);
    }

    @Test
    void personalDataGoesToAfterShipOnlyAsTheShopChose() {
        creatingTracking();
        aftership.answers.add(new TrackingCreated.Tracked("t", "dhl", false));
        creation.attempt(KEY, NOW, true);
        TrackingRequest sent = aftership.requests.getFirst();
        assertThat(sent.phone()).isEqualTo("+49 30 1234");
        assertThat(sent.email()).isNull();
        assertThat(sent.customerName()).isEqualTo("Ada Buyer");
        assertThat(sent.destinationCountry()).isEqualTo("DE");
        assertThat(sent.toString()).doesNotContain("Ada").doesNotContain("+49").doesNotContain("ada@");

        ShopSettings optedIn = ShopSettings.defaults("x").toBuilder().sendBuyerEmailToAfterShip(true)
                .sendPhoneToAfterShip(false).build();
        TrackingRequest other = TrackingRequest.forOrder(orders.find(KEY).orElseThrow(), optedIn);
        assertThat(other.email()).isEqualTo("ada@example.com");
        assertThat(other.phone()).isNull();
    }

    static final class ScriptedAfterShip implements TrackingService {
        final Deque<TrackingCreated> answers = new ArrayDeque<>();
        final List<TrackingRequest> requests = new ArrayList<>();
        Consumer<TrackingRequest> onCreate = r -> { };

        @Override
        public TrackingCreated create(TrackingRequest request) {
            requests.add(request);
            onCreate.accept(request);
            return answers.removeFirst();
        }

        @Override
        public Page<TrackedShipment> changed(String shop, TrackingQuery query) {
            return new Page<>(List.of(), null);
        }

        @Override
        public Optional<TrackedShipment> find(String shop, String trackingId) {
            return Optional.empty();
        }
    }

    record Scheduled(OrderKey key, Instant sendAt) {
    }

    static final class RecordingScheduler implements ReviewRequestScheduler {
        final List<Scheduled> scheduled = new ArrayList<>();

        @Override
        public void schedule(OrderKey order, Instant sendAt, ZoneId shopZone) {
            scheduled.add(new Scheduled(order, sendAt));
        }

        @Override
        public void cancel(OrderKey order) {
            scheduled.removeIf(s -> s.key().equals(order));
        }
    }
}
