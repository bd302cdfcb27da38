package dev.doorstep.core.events;

import dev.doorstep.core.model.OrderKey;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/**
 * Deterministic event identity: a name-based UUID of the order and the fact's place in its history.
 * The order's receipt time is part of the name so that an order deleted and received again (an app
 * reinstalled) does not repeat the ids of its first life.
 */
public final class EventIds {

    private EventIds() {
    }

    public static String of(OrderKey order, Instant receivedAt, long sequence) {
        String name = "doorstep/v1\n" + order.shop() + "\n" + order.orderId() + "\n"
                + (receivedAt == null ? "" : receivedAt.toString()) + "\n" + sequence;
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
