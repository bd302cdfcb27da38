package dev.doorstep.reliability;

import dev.doorstep.core.model.Order;
import dev.doorstep.core.model.OrderKey;
import dev.doorstep.core.model.Shop;
import dev.doorstep.core.port.AppliedShopifyEvent;
import dev.doorstep.core.port.AppliedShopifyEvents;
import dev.doorstep.core.port.OrderStore;
import dev.doorstep.core.port.Page;
import dev.doorstep.core.port.ReceiptLog;
import dev.doorstep.core.port.ReviewRequestScheduler;
import dev.doorstep.core.port.ShopStore;
import dev.doorstep.core.sending.Mailer;
import dev.doorstep.core.sending.ReviewRequestEmail;
import dev.doorstep.core.tracking.TrackedShipment;
import dev.doorstep.core.tracking.TrackingCreated;
import dev.doorstep.core.tracking.TrackingQuery;
import dev.doorstep.core.tracking.TrackingRequest;
import dev.doorstep.core.tracking.TrackingService;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/** Port decorators that pass every call through {@link Crash}: the real adapter does the work. */
final class CrashingPorts {

    private CrashingPorts() {
    }

    static final class Orders implements OrderStore, AppliedShopifyEvents {
        private final OrderStore orders;
        private final AppliedShopifyEvents events;
        private final Crash crash;

        <T extends OrderStore & AppliedShopifyEvents> Orders(T real, Crash crash) {
            this.orders = real;
            this.events = real;
            this.crash = crash;
        }

        @Override
        public boolean insert(Order order) {
            return crash.call("orders.insert", () -> orders.insert(order));
        }

        @Override
        public Optional<Order> find(OrderKey key) {
            return crash.call("orders.find", () -> orders.find(key));
        }

        @Override
        public Order update(Order current, Order next) {
            return crash.call("orders.update", () -> orders.update(current, next));
        }

        @Override
        public List<Order> dueBy(Instant now, int limit) {
            return crash.call("orders.dueBy", () -> orders.dueBy(now, limit));
        }

        @Override
        public Page<Order> ordersOf(String shop, String cursor, int limit) {
            return crash.call("orders.ordersOf", () -> orders.ordersOf(shop, cursor, limit));
        }

        @Override
        public Optional<Instant> oldestWaitingFulfilledAt() {
            return crash.call("orders.oldestWaitingFulfilledAt", orders::oldestWaitingFulfilledAt);
        }

        @Override
        public void delete(OrderKey key) {
            crash.run("orders.delete", () -> orders.delete(key));
        }

        @Override
        public boolean insertMarked(Order order, String eventId, Instant triggeredAt) {
            return crash.call("orders.insert", () -> events.insertMarked(order, eventId, triggeredAt));
        }

        @Override
        public Optional<AppliedShopifyEvent> lastApplied(OrderKey order) {
            return crash.call("events.lastApplied", () -> events.lastApplied(order));
        }

        @Override
        public void markApplied(OrderKey order, String eventId, Instant triggeredAt) {
            crash.run("events.markApplied", () -> events.markApplied(order, eventId, triggeredAt));
        }
    }

    record Shops(ShopStore shops, Crash crash) implements ShopStore {
        @Override
        public Optional<Shop> find(String shop) {
            return crash.call("shops.find", () -> shops.find(shop));
        }

        @Override
        public void save(Shop shop) {
            crash.run("shops.save", () -> shops.save(shop));
        }

        @Override
        public List<String> shopsWithDeliveryTracking() {
            return crash.call("shops.tracked", shops::shopsWithDeliveryTracking);
        }

        @Override
        public boolean recordPoll(String shop, Instant polledAt) {
            return crash.call("shops.recordPoll", () -> shops.recordPoll(shop, polledAt));
        }

        @Override
        public void recordAfterShipWebhook(String shop, Instant at) {
            crash.run("shops.recordAfterShipWebhook", () -> shops.recordAfterShipWebhook(shop, at));
        }

        @Override
        public void erase(String shop) {
            crash.run("shops.erase", () -> shops.erase(shop));
        }
    }

    record Receipts(ReceiptLog receipts, Crash crash) implements ReceiptLog {
        @Override
        public boolean firstReceipt(String source, String id, Instant forgetAfter) {
            return crash.call("receipts.first", () -> receipts.firstReceipt(source, id, forgetAfter));
        }

        @Override
        public boolean alreadyReceived(String source, String id) {
            return crash.call("receipts.already", () -> receipts.alreadyReceived(source, id));
        }
    }

    record Scheduler(ReviewRequestScheduler scheduler, Crash crash) implements ReviewRequestScheduler {
        @Override
        public void schedule(OrderKey order, Instant sendAt, ZoneId shopZone) {
            crash.run("scheduler.schedule", () -> scheduler.schedule(order, sendAt, shopZone));
        }

        @Override
        public void cancel(OrderKey order) {
            crash.run("scheduler.cancel", () -> scheduler.cancel(order));
        }
    }

    record AfterShip(TrackingService aftership, Crash crash) implements TrackingService {
        @Override
        public TrackingCreated create(TrackingRequest request) {
            return crash.call("aftership.create", () -> aftership.create(request));
        }

        @Override
        public Page<TrackedShipment> changed(String shop, TrackingQuery query) {
            return crash.call("aftership.changed", () -> aftership.changed(shop, query));
        }

        @Override
        public Optional<TrackedShipment> find(String shop, String trackingId) {
            return crash.call("aftership.find", () -> aftership.find(shop, trackingId));
        }
    }

    record Mail(Mailer mailer, Crash crash) implements Mailer {
        @Override
        public String send(ReviewRequestEmail email) {
            return crash.call("mail.send", () -> mailer.send(email));
        }
    }
}
