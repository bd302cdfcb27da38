package dev.doorstep.core.delivery;

import java.time.Instant;

/**
 * One carrier scan as AfterShip reports it: its tag (Delivered, InTransit, ...), sub-tag
 * (Delivered_001, ...), message and time.
 */
public record Checkpoint(Instant at, String tag, String subtag, String message) {
}
