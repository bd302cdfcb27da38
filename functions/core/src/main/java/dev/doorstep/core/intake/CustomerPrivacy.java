package dev.doorstep.core.intake;

import dev.doorstep.core.model.Order;
import dev.doorstep.core.model.OrderKey;
import dev.doorstep.core.port.CustomerDataExports;
import dev.doorstep.core.port.TrackingErasure;
import dev.doorstep.core.port.OrderStore;
import dev.doorstep.core.port.ReviewRequestScheduler;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Shopify's mandatory customer privacy topics. Both look at the orders Shopify lists and at every
 * other order of the same customer we hold, so nothing is missed when the lists differ.
 */
public final class CustomerPrivacy {

    private final OrderStore orders;
    private final ReviewRequestScheduler scheduler;
    private final CustomerDataExports exports;
    private final TrackingErasure trackings;
    private final Clock clock;
    private final OrderChanges changes;

    public CustomerPrivacy(OrderStore orders, ReviewRequestScheduler scheduler, CustomerDataExports exports,
            TrackingErasure trackings, Clock clock) {
        this.trackings = trackings;
        this.orders = orders;
        this.scheduler = scheduler;
        this.exports = exports;
        this.clock = clock;
        this.changes = new OrderChanges(orders);
    }

    /**
     * {@code customers/data_request}: everything we hold about the customer (each order with its name,
     * email, phone, products, tracking and status) is stored as an export for the merchant to collect
     * and hand to the customer; the result names the order ids only.
     */
    public IntakeResult dataRequest(String shop, String customerId, List<String> orderIds, Instant requestedAt) {
        List<String> held = ordersOf(shop, customerId, orderIds);
        List<Order> found = new ArrayList<>();
        for (String id : held) {
            orders.find(new OrderKey(shop, id)).ifPresent(found::add);
        }
        exports.save(new CustomerDataExport(shop, customerId, requestedAt, found));
        return IntakeResult.applied("customer data exported for the merchant: " + found.size() + " order(s)", held);
    }

    /**
     * {@code customers/redact}: the customer's name, email and phone are erased from every order and
     * from the order's AfterShip tracking (which carried them), and a request that may still go out is
     * cancelled (there is no one left to write to).
     */
    public IntakeResult redact(String shop, String customerId, List<String> orderIds) {
        Instant now = clock.instant();
        List<String> redacted = new ArrayList<>();
        for (String orderId : ordersOf(shop, customerId, orderIds)) {
            OrderKey key = new OrderKey(shop, orderId);
            // The tracking first: a crash between the two leaves the order to redact on the retry, which
            // erases the tracking again (harmless), never an order marked redacted with its tracking kept.
            orders.find(key).map(Order::trackingId).ifPresent(id -> trackings.erase(shop, id));
            changes.change(key, o -> OrderChanges.cancelled(o, "the customer's data was redacted", now).toBuilder()
                    .customer(o.customer().redacted()).build())
                    .ifPresent(o -> {
                        scheduler.cancel(key);
                        redacted.add(orderId);
                    });
        }
        return IntakeResult.applied("customer redacted on " + redacted.size() + " order(s)", redacted);
    }

    private List<String> ordersOf(String shop, String customerId, List<String> listed) {
        Set<String> found = new LinkedHashSet<>();
        for (String id : listed) {
            if (orders.find(new OrderKey(shop, id)).isPresent()) {
                found.add(id);
            }
        }
        if (customerId != null) {
            // The customer index, not a walk through the shop's whole partition.
            found.addAll(orders.orderIdsOfCustomer(shop, customerId));
        }
        return List.copyOf(found);
    }
}
