package dev.doorstep.core.polling;

import dev.doorstep.core.delivery.Checkpoint;
import dev.doorstep.core.delivery.DeliveryUpdates;
import dev.doorstep.core.delivery.FallbackDeadlines;
import dev.doorstep.core.memory.InMemoryOrderStore;
import dev.doorstep.core.memory.InMemoryReviewRequestScheduler;
import dev.doorstep.core.memory.InMemoryShopStore;
import dev.doorstep.core.model.Customer;
import dev.doorstep.core.model.Fulfillment;
import dev.doorstep.core.model.Order;
import dev.doorstep.core.model.OrderKey;
import dev.doorstep.core.model.OrderStatus;
import dev.doorstep.core.model.Shop;
import dev.doorstep.core.model.ShopSettings;
import dev.doorstep.core.planning.ReviewRequestPlanner;
import dev.doorstep.core.timing.TimingPolicy;
import dev.doorstep.core.tracking.DeliveryTag;
import dev.doorstep.core.tracking.TrackedShipment;
import dev.doorstep.core.tracking.TrackingCreation;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** In-memory stores, the fake AfterShip and the use cases wired as the functions wire them. */
class PollFixtures {

    static final Instant FULFILLED = Instant.parse("2026-03-02T10:00:00Z");

    final InMemoryOrderStore orders = new InMemoryOrderStore();
    final InMemoryShopStore shops = new InMemoryShopStore();
    final FakeAfterShip aftership = new FakeAfterShip();
    final InMemoryReviewRequestScheduler scheduler = new InMemoryReviewRequestScheduler();
    final Map<OrderKey, Instant> schedules = scheduler.schedules();
    final TimingPolicy policy = new TimingPolicy();
    final ReviewRequestPlanner planner = new ReviewRequestPlanner(policy, orders, scheduler);
    final DeliveryUpdates updates = new DeliveryUpdates(orders, shops, policy, planner);
    final FallbackDeadlines fallbacks = new FallbackDeadlines(orders, shops, planner);
    final TrackingCreation creation = new TrackingCreation(orders, shops, aftership, planner, policy);
    final ShopPoll poll = new ShopPoll(shops, orders, aftership, updates);

    ShopSettings trackedShop(String shop) {
        ShopSettings settings = ShopSettings.defaults(shop).toBuilder().shopCountry("US").aftershipEnabled(true).build();
        shops.save(Shop.installed(settings));
        return settings;
    }

    static Order received(OrderKey key) {
        return Order.received(key, "#" + key.orderId(), new Fulfillment("f-" + key.orderId(), FULFILLED,
                "1Z" + key.orderId(), "UPS", "US"), new Customer("c1", "Ada", "ada@example.com", null), List.of(),
                FULFILLED);
    }

    /** An order AfterShip tracks as {@code "trk-" + orderId}. */
    Order waiting(OrderKey key) {
        Order order = received(key).toBuilder().trackingId("trk-" + key.orderId()).trackingAttempts(1)
                .fallbackDeadline(FULFILLED.plus(Duration.ofDays(60))).build()
                .moveTo(OrderStatus.CREATING_TRACKING, "trackable", FULFILLED)
                .moveTo(OrderStatus.WAITING_FOR_DELIVERY, "AfterShip tracking created", FULFILLED);
        orders.insert(order);
        return stored(key);
    }

    Order stored(OrderKey key) {
        return orders.find(key).orElseThrow();
    }

    static TrackedShipment shipment(OrderKey key, DeliveryTag tag, Instant deliveredAt, Instant updatedAt,
            Checkpoint... checkpoints) {
        return new TrackedShipment("trk-" + key.orderId(), "1Z" + key.orderId(), "ups", key.orderId(), tag,
                tag.wire() + "_001", deliveredAt, updatedAt, List.of(checkpoints));
    }
}
