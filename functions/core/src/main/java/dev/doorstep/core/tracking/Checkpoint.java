package dev.doorstep.core.tracking;

import java.time.Instant;

/**
 * One carrier scan. Only what delivery evidence needs: the status and when it happened (location and
 * message text are left at AfterShip).
 *
 * @param at the checkpoint time, or null when the carrier gave none that could be read
 */
public record Checkpoint(DeliveryTag tag, String subtag, Instant at) {
}
