package dev.doorstep.core.port;

import dev.doorstep.core.model.Order;
import dev.doorstep.core.model.OrderKey;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where orders live. Every write that could clobber another is conditional: {@link #insert} only
 * when absent, {@link #update} only when the stored version is the one the caller read.
 */
public interface OrderStore {

    /** Stores a new order; false (and nothing written) when the order already exists. */
    boolean insert(Order order);

    Optional<Order> find(OrderKey key);

    /**
     * Replaces {@code current} with {@code next} if nobody changed it since it was read.
     *
     * @return {@code next} as stored, with its version advanced
     * @throws StaleOrderException when the stored version is no longer {@code current.version()}
     */
    Order update(Order current, Order next);

    /** Orders whose {@link Order#dueAt()} is at or before {@code now}, oldest first, without a scan. */
    List<Order> dueBy(Instant now, int limit);

    /**
     * When the longest-waiting order still "Waiting for delivery" was fulfilled, for the alarm on the
     * age of the oldest waiting order. Read from the due index, so only orders with a fallback deadline
     * (fallback on, the default) are seen; empty when none waits.
     */
    Optional<Instant> oldestWaitingFulfilledAt();

    /** One page of a shop's orders, newest first; {@code cursor} is null for the first page. */
    Page<Order> ordersOf(String shop, String cursor, int limit);

    /** Removes an order and everything stored beside it (redaction). */
    void delete(OrderKey key);

    /**
     * The ids of every order of a shop's customer (Shopify's customer id). Stores with a customer index
     * answer from it; this default pages through the shop's orders.
     */
    default List<String> orderIdsOfCustomer(String shop, String customerId) {
        List<String> ids = new java.util.ArrayList<>();
        String cursor = null;
        do {
            Page<Order> page = ordersOf(shop, cursor, 100);
            page.items().stream().filter(o -> customerId.equals(o.customer().customerId()))
                    .forEach(o -> ids.add(o.key().orderId()));
            cursor = page.nextCursor();
        } while (cursor != null);
        return ids;
    }
}
