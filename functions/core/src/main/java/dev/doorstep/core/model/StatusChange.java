package dev.doorstep.core.model;

import java.time.Instant;

/** One recorded move of the state machine, with the reason the merchant will read. */
public record StatusChange(OrderStatus from, OrderStatus to, String reason, Instant at) {
}
