package dev.doorstep.core.port;

import dev.doorstep.core.model.OrderKey;

/** Somebody else changed the order since it was read: read it again and re-decide. */
public final class StaleOrderException extends RuntimeException {

    public StaleOrderException(OrderKey key, long expectedVersion) {
        super("order " + key + " changed since version " + expectedVersion + " was read");
    }
}
