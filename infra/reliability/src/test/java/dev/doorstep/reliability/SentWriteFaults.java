package dev.doorstep.reliability;

import dev.doorstep.core.model.Order;
import dev.doorstep.core.model.OrderKey;
import dev.doorstep.core.model.OrderStatus;
import dev.doorstep.core.port.OrderStore;
import dev.doorstep.core.port.Page;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;

/**
 * The real order store (DynamoDB), except that the write marking an armed order SENT fails the way
 * DynamoDB and Lambda fail after SES accepted the email: throttled, answer lost after the write took
 * effect, failing every time, or the function timing out (killed) in the middle of it. Each order is
 * armed for its first invocation only, as a fault hits one attempt.
 */
final class SentWriteFaults implements OrderStore {

    /** How the SENT write fails for an armed order. */
    enum Fault {
        /** Throttled twice, then through: the sender's retry covers it. */
        THROTTLED_TWICE,
        /** The write took effect and its answer was lost (a 500 after the fact). */
        ANSWER_LOST,
        /** Every try fails (throttles and timeouts): the order is left SENDING for the send event. */
        ALWAYS_FAILS,
        /** The function times out (Lambda kills it) during the first try. */
        KILLED,
        /** Throttled once, then the function times out during the second try. */
        THROTTLED_THEN_KILLED,
        /** SES accepted the message and its answer was lost (a 5xx or timeout after acceptance): never marked. */
        SES_ANSWER_LOST
    }

    /** What a function killed by its timeout looks like to the code that ran it: nothing more runs. */
    static final class FunctionTimedOut extends Error {
        FunctionTimedOut() {
            super("Task timed out (injected)", null, false, false);
        }
    }

    private final OrderStore orders;
    private final Map<OrderKey, Fault> armed = new ConcurrentHashMap<>();
    private final Map<OrderKey, AtomicInteger> tries = new ConcurrentHashMap<>();
    final AtomicInteger injected = new AtomicInteger();

    SentWriteFaults(OrderStore orders) {
        this.orders = orders;
    }

    void arm(OrderKey order, Fault fault) {
        armed.put(order, fault);
        tries.put(order, new AtomicInteger());
    }

    void disarm(OrderKey order) {
        armed.remove(order);
    }

    Optional<Fault> armedWith(OrderKey order) {
        return Optional.ofNullable(armed.get(order));
    }

    @Override
    public Order update(Order current, Order next) {
        Fault fault = next.status() == OrderStatus.SENT ? armed.get(next.key()) : null;
        if (fault == null || fault == Fault.SES_ANSWER_LOST) {
            return orders.update(current, next);
        }
        int attempt = tries.get(next.key()).incrementAndGet();
        injected.incrementAndGet();
        switch (fault) {
            case THROTTLED_TWICE -> {
                if (attempt <= 2) {
                    throw throttled();
                }
                return orders.update(current, next);
            }
            case ANSWER_LOST -> {
                if (attempt == 1) {
                    orders.update(current, next);
                    throw DynamoDbException.builder().message("InternalServerError (injected, after the write)")
                            .statusCode(500).build();
                }
                return orders.update(current, next);
            }
            case ALWAYS_FAILS -> throw attempt % 2 == 0 ? throttled()
                    : ApiCallTimeoutException.create(1_000);
            case KILLED -> throw new FunctionTimedOut();
            case THROTTLED_THEN_KILLED -> {
                if (attempt == 1) {
                    throw throttled();
                }
                throw new FunctionTimedOut();
            }
            default -> throw new IllegalStateException(fault.name());
        }
    }

    private static ProvisionedThroughputExceededException throttled() {
        return ProvisionedThroughputExceededException.builder().message("Throughput exceeds the current capacity"
                + " (injected)").statusCode(400).build();
    }

    @Override
    public boolean insert(Order order) {
        return orders.insert(order);
    }

    @Override
    public Optional<Order> find(OrderKey key) {
        return orders.find(key);
    }

    @Override
    public List<Order> dueBy(Instant now, int limit) {
        return orders.dueBy(now, limit);
    }

    @Override
    public Optional<Instant> oldestWaitingFulfilledAt() {
        return orders.oldestWaitingFulfilledAt();
    }

    @Override
    public Page<Order> ordersOf(String shop, String cursor, int limit) {
        return orders.ordersOf(shop, cursor, limit);
    }

    @Override
    public void delete(OrderKey key) {
        orders.delete(key);
    }
}
