package dev.doorstep.core.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.doorstep.core.memory.InMemoryAfterShipCredentialStore;
import dev.doorstep.core.memory.InMemoryOrderStore;
import dev.doorstep.core.memory.InMemoryReviewRequestScheduler;
import dev.doorstep.core.memory.InMemoryShopStore;
import dev.doorstep.core.model.Customer;
import dev.doorstep.core.model.Fulfillment;
import dev.doorstep.core.model.InvalidSettingException;
import dev.doorstep.core.model.Order;
import dev.doorstep.core.model.OrderKey;
import dev.doorstep.core.model.OrderStatus;
import dev.doorstep.core.model.Shop;
import dev.doorstep.core.model.ShopSettings;
import dev.doorstep.core.planning.ReviewRequestPlanner;
import dev.doorstep.core.port.AfterShipCredentials;
import dev.doorstep.core.port.OrderStore;
import dev.doorstep.core.port.Page;
import dev.doorstep.core.timing.TimingPolicy;
import dev.doorstep.core.timing.TimingReason;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SettingsUpdateTest {

    private static final String SHOP = "demo.myshopify.com";
    private static final Instant FULFILLED = Instant.parse("2026-03-02T10:00:00Z");
    private static final Instant NOW = FULFILLED.plus(Duration.ofDays(2));
    private static final AfterShipCredentials KEY = new AfterShipCredentials(new byte[] {1, 2, 3}, null);

    private final InMemoryOrderStore orders = new InMemoryOrderStore();
    private final InMemoryShopStore shops = new InMemoryShopStore();
    private final InMemoryAfterShipCredentialStore credentials = new InMemoryAfterShipCredentialStore();
    private final InMemoryReviewRequestScheduler scheduler = new InMemoryReviewRequestScheduler();
    private final Map<OrderKey, Instant> schedules = scheduler.schedules();
    private final ReviewRequestPlanner planner = new ReviewRequestPlanner(new TimingPolicy(), orders, scheduler);
    private final SettingsUpdate update = new SettingsUpdate(shops, credentials,
            new IntegrationSwitchOff(orders, planner));
    private final ShopSettings on = ShopSettings.defaults(SHOP).toBuilder().shopCountry("US").aftershipEnabled(true)
            .build();
    private final ShopSettings off = on.toBuilder().aftershipEnabled(false).build();

    @Test
    void firstSaveCreatesTheShopInstalledWithItsKey() {
        SettingsUpdate.SettingsSaved saved = update.save(on, Optional.of(KEY), NOW);

        assertThat(saved.apiKeySaved()).isTrue();
        assertThat(shops.find(SHOP)).get().extracting(Shop::installed, Shop::settings).containsExactly(true, on);
        assertThat(credentials.find(SHOP)).contains(KEY);
        assertThat(shops.shopsWithDeliveryTracking()).containsExactly(SHOP);
    }

    @Test
    void switchingTheIntegrationOnWithoutAnyKeyIsRefusedAndWritesNothing() {
        assertThatThrownBy(() -> update.save(on, Optional.empty(), NOW))
                .isInstanceOfSatisfying(InvalidSettingException.class,
                        e -> assertThat(e.field()).isEqualTo("aftershipApiKey"));
        assertThat(shops.find(SHOP)).isEmpty();
    }

    @Test
    void aSavedKeyIsKeptWhenTheMerchantChangesOtherSettings() {
        update.save(on, Optional.of(KEY), NOW);

        update.save(on.toBuilder().waitDaysAfterDelivery(5).build(), Optional.empty(), NOW);

        assertThat(credentials.find(SHOP)).contains(KEY);
        assertThat(shops.find(SHOP).orElseThrow().settings().waitDaysAfterDelivery()).isEqualTo(5);
    }

    @Test
    void switchingOffMovesEveryOrderWaitingOnAfterShipToFulfillmentTiming() {
        update.save(on, Optional.of(KEY), NOW);
        Order waiting = store("1", OrderStatus.WAITING_FOR_DELIVERY);
        Order retrying = store("2", OrderStatus.TRACKING_RETRY);
        Order creating = store("3", OrderStatus.CREATING_TRACKING);
        Order scheduled = store("4", OrderStatus.SCHEDULED);

        SettingsUpdate.SettingsSaved saved = update.save(off, Optional.empty(), NOW);

        assertThat(saved.ordersMovedToFulfillmentTiming()).isEqualTo(3);
        for (Order o : List.of(waiting, retrying, creating)) {
            Order now = orders.find(o.key()).orElseThrow();
            assertThat(now.status()).isEqualTo(OrderStatus.SCHEDULED);
            assertThat(now.sendReason()).isEqualTo(TimingReason.FULFILLMENT_BASED);
            assertThat(now.statusReason()).contains("switched off");
            // fulfillment timing: max(7 wait days, 7-day domestic minimum) after fulfillment
            assertThat(schedules).containsEntry(o.key(), FULFILLED.plus(Duration.ofDays(7)));
        }
        assertThat(orders.find(scheduled.key()).orElseThrow().version()).isEqualTo(scheduled.version());
        assertThat(shops.shopsWithDeliveryTracking()).isEmpty();
        // The key stays: switching back on asks for nothing.
        assertThat(credentials.find(SHOP)).contains(KEY);
        assertThat(saved.apiKeySaved()).isTrue();
        assertThat(update.save(on, Optional.empty(), NOW).shop().settings().aftershipEnabled()).isTrue();
        assertThat(credentials.find(SHOP)).contains(KEY);
    }

    @Test
    void aSwitchOffThatDiedHalfwayIsFinishedByTheNextSave() {
        update.save(on, Optional.of(KEY), NOW);
        store("1", OrderStatus.WAITING_FOR_DELIVERY);
        // the first save dies before moving the orders: the stored shop is still on
        OrderStore dyingStore = new NoListing(orders, new IllegalStateException("Lambda timed out"));
        SettingsUpdate dying = new SettingsUpdate(shops, credentials, new IntegrationSwitchOff(dyingStore,
                new ReviewRequestPlanner(new TimingPolicy(), dyingStore, scheduler)));
        assertThatThrownBy(() -> dying.save(off, Optional.empty(), NOW)).isInstanceOf(IllegalStateException.class);
        assertThat(shops.find(SHOP).orElseThrow().settings().aftershipEnabled()).isTrue();

        SettingsUpdate.SettingsSaved saved = update.save(off, Optional.empty(), NOW);

        assertThat(saved.ordersMovedToFulfillmentTiming()).isEqualTo(1);
        assertThat(credentials.find(SHOP)).contains(KEY);
    }

    @Test
    void savingWithTheIntegrationAlreadyOffReadsNoOrders() {
        update.save(off, Optional.empty(), NOW);
        OrderStore counting = new NoListing(orders, new IllegalStateException("no sweep expected"));
        SettingsUpdate quiet = new SettingsUpdate(shops, credentials,
                new IntegrationSwitchOff(counting, new ReviewRequestPlanner(new TimingPolicy(), counting, scheduler)));

        assertThat(quiet.save(off.toBuilder().waitDaysAfterFulfillment(9).build(), Optional.empty(), NOW)
                .ordersMovedToFulfillmentTiming()).isZero();
    }

    @Test
    void manyWaitingOrdersAreAllMovedAcrossPages() {
        update.save(on, Optional.of(KEY), NOW);
        for (int i = 0; i < 250; i++) {
            store("w" + i, OrderStatus.WAITING_FOR_DELIVERY);
        }

        assertThat(update.save(off, Optional.empty(), NOW).ordersMovedToFulfillmentTiming()).isEqualTo(250);
        assertThat(schedules).hasSize(250);
    }

    private Order store(String id, OrderStatus status) {
        OrderKey key = new OrderKey(SHOP, id);
        Order order = Order.received(key, "#" + id, new Fulfillment("f" + id, FULFILLED, "1Z" + id, "UPS", "US"),
                new Customer("c", "Ada", "ada@example.com", null), List.of(), FULFILLED);
        order = switch (status) {
            case CREATING_TRACKING -> order.moveTo(OrderStatus.CREATING_TRACKING, "trackable", FULFILLED);
            case TRACKING_RETRY -> order.moveTo(OrderStatus.CREATING_TRACKING, "trackable", FULFILLED)
                    .toBuilder().trackingAttempts(1).trackingRetryAt(FULFILLED.plus(Duration.ofHours(12))).build()
                    .moveTo(OrderStatus.TRACKING_RETRY, "invalid courier", FULFILLED);
            case WAITING_FOR_DELIVERY -> order.moveTo(OrderStatus.CREATING_TRACKING, "trackable", FULFILLED)
                    .moveTo(OrderStatus.WAITING_FOR_DELIVERY, "tracking created", FULFILLED);
            case SCHEDULED -> order.toBuilder().sendAt(FULFILLED.plus(Duration.ofDays(7)))
                    .sendReason(TimingReason.FULFILLMENT_BASED).build()
                    .moveTo(OrderStatus.SCHEDULED, "no tracking number", FULFILLED);
            default -> throw new IllegalArgumentException(status.name());
        };
        orders.insert(order);
        return orders.find(key).orElseThrow();
    }

    /** The real in-memory store, except that listing a shop's orders fails. */
    private record NoListing(OrderStore delegate, RuntimeException failure) implements OrderStore {

        @Override
        public Page<Order> ordersOf(String shop, String cursor, int limit) {
            throw failure;
        }

        @Override
        public boolean insert(Order order) {
            return delegate.insert(order);
        }

        @Override
        public Optional<Order> find(OrderKey key) {
            return delegate.find(key);
        }

        @Override
        public Order update(Order current, Order next) {
            return delegate.update(current, next);
        }

        @Override
        public List<Order> dueBy(Instant now, int limit) {
            return delegate.dueBy(now, limit);
        }

        @Override
        public Optional<Instant> oldestWaitingFulfilledAt() {
            return delegate.oldestWaitingFulfilledAt();
        }

        @Override
        public void delete(OrderKey key) {
            delegate.delete(key);
        }
    }
}
