package dev.doorstep.core.delivery;

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
import dev.doorstep.core.port.ReviewRequestScheduler;
import dev.doorstep.core.timing.TimingPolicy;
import dev.doorstep.core.timing.TimingReason;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DeliveryUpdatesTest {

    private static final Instant FULFILLED = Instant.parse("2026-03-02T10:00:00Z");
    private static final OrderKey KEY = new OrderKey("demo.myshopify.com", "1001");

    private final InMemoryOrderStore orders = new InMemoryOrderStore();
    private final InMemoryShopStore shops = new InMemoryShopStore();
    private final List<Instant> scheduled = new ArrayList<>();
    private final ReviewRequestScheduler scheduler = new ReviewRequestScheduler() {
        @Override
        public void schedule(OrderKey order, Instant sendAt, ZoneId zone) {
            scheduled.add(sendAt);
        }

        @Override
        public void cancel(OrderKey order) {
        }
    };
    private final TimingPolicy policy = new TimingPolicy();
    private final ReviewRequestPlanner planner = new ReviewRequestPlanner(policy, orders, scheduler);
    private final DeliveryUpdates updates = new DeliveryUpdates(orders, shops, policy, planner);
    private final FallbackDeadlines fallback = new FallbackDeadlines(orders, shops, planner);

    @BeforeEach
    void aWaitingOrder() {
        ShopSettings settings = ShopSettings.defaults(KEY.shop()).toBuilder().shopCountry("US")
                .aftershipEnabled(true).build();
        shops.save(Shop.installed(settings));
        Order order = Order.received(KEY, "#1001", new Fulfillment("f1", FULFILLED, "1Z", "UPS", "US"),
                new Customer("c1", "Ada", "ada@example.com", null), List.of(), FULFILLED).toBuilder()
                .fallbackDeadline(FULFILLED.plus(Duration.ofDays(60))).build();
        orders.insert(order.moveTo(OrderStatus.CREATING_TRACKING, "trackable", FULFILLED)
                .moveTo(OrderStatus.WAITING_FOR_DELIVERY, "tracking created", FULFILLED));
    }

    private static DeliveryReport report(TrackingState state, Instant deliveredAt, Checkpoint... checkpoints) {
        return new DeliveryReport(KEY, "t-1", state, deliveredAt, List.of(checkpoints), DeliverySource.POLL);
    }

    private Order stored() {
        return orders.find(KEY).orElseThrow();
    }

    @Test
    void deliveredSchedulesFromTheDeliveryDate() {
        Instant delivered = FULFILLED.plus(Duration.ofDays(8));

        var outcome = updates.apply(report(TrackingState.DELIVERED, delivered), FULFILLED.plus(Duration.ofDays(9)));

        assertThat(outcome).isEqualTo(DeliveryUpdates.Outcome.SCHEDULED_ON_DELIVERY);
        assertThat(stored().status()).isEqualTo(OrderStatus.SCHEDULED);
        assertThat(stored().deliveredAt()).isEqualTo(delivered);
        assertThat(stored().sendAt()).isEqualTo(delivered.plus(Duration.ofDays(3)));
        assertThat(scheduled).containsExactly(delivered.plus(Duration.ofDays(3)));
    }

    @Test
    void deliveredWithoutADateUsesTheDeliveredCheckpoint() {
        Instant scan = FULFILLED.plus(Duration.ofDays(5));

        updates.apply(report(TrackingState.DELIVERED, null,
                new Checkpoint(FULFILLED.plus(Duration.ofDays(1)), "InTransit", "InTransit_001", "departed"),
                new Checkpoint(scan, "Delivered", "Delivered_001", "left at door")), scan);

        assertThat(stored().deliveredAt()).isEqualTo(scan);
    }

    @Test
    void expiredWithDeliveryEvidenceIsTimedFromThatDelivery() {
        Instant scan = FULFILLED.plus(Duration.ofDays(12));

        var outcome = updates.apply(report(TrackingState.EXPIRED, null,
                new Checkpoint(scan, "Expired", "Delivered_003", "delivered to neighbour")),
                FULFILLED.plus(Duration.ofDays(31)));

        assertThat(outcome).isEqualTo(DeliveryUpdates.Outcome.SCHEDULED_ON_DELIVERY);
        assertThat(stored().deliveredAt()).isEqualTo(scan);
    }

    @Test
    void expiredWithoutEvidenceFallsBackToFulfillmentTiming() {
        var outcome = updates.apply(report(TrackingState.EXPIRED, null,
                new Checkpoint(FULFILLED.plus(Duration.ofDays(2)), "InTransit", "InTransit_002", "in transit")),
                FULFILLED.plus(Duration.ofDays(3)));

        assertThat(outcome).isEqualTo(DeliveryUpdates.Outcome.SCHEDULED_ON_FULFILLMENT);
        assertThat(stored().sendReason()).isEqualTo(TimingReason.FULFILLMENT_BASED);
        assertThat(stored().statusReason()).contains("expired");
    }

    @Test
    void theSameReportTwiceSchedulesOnce() {
        DeliveryReport delivered = report(TrackingState.DELIVERED, FULFILLED.plus(Duration.ofDays(8)));

        updates.apply(delivered, FULFILLED.plus(Duration.ofDays(9)));
        var second = updates.apply(delivered, FULFILLED.plus(Duration.ofDays(9)));

        assertThat(second).isEqualTo(DeliveryUpdates.Outcome.NOT_WAITING);
        assertThat(scheduled).hasSize(1);
    }

    @Test
    void inTransitChangesNothing() {
        assertThat(updates.apply(report(TrackingState.ON_ITS_WAY, null), FULFILLED))
                .isEqualTo(DeliveryUpdates.Outcome.STILL_ON_ITS_WAY);
        assertThat(stored().status()).isEqualTo(OrderStatus.WAITING_FOR_DELIVERY);
    }

    @Test
    void fallbackDeadlineSchedulesNowWithReasonFallback() {
        Instant afterDeadline = FULFILLED.plus(Duration.ofDays(61));

        assertThat(fallback.reached(KEY, FULFILLED.plus(Duration.ofDays(59)))).isFalse();
        assertThat(fallback.reached(KEY, afterDeadline)).isTrue();

        assertThat(stored().status()).isEqualTo(OrderStatus.SCHEDULED);
        assertThat(stored().sendReason()).isEqualTo(TimingReason.FALLBACK);
        assertThat(stored().sendAt()).isEqualTo(afterDeadline);
        assertThat(fallback.reached(KEY, afterDeadline)).as("second signal (TTL and sweep)").isFalse();
        assertThat(scheduled).hasSize(1);
    }

    @Test
    void fallbackSwitchedOffSinceRecordingDoesNothing() {
        Shop shop = shops.find(KEY.shop()).orElseThrow();
        shops.save(Shop.installed(shop.settings().toBuilder().fallbackEnabled(false).build()));

        assertThat(fallback.reached(KEY, FULFILLED.plus(Duration.ofDays(61)))).isFalse();
        assertThat(stored().status()).isEqualTo(OrderStatus.WAITING_FOR_DELIVERY);
    }
}
