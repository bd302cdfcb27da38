package dev.doorstep.core.tracking;

import java.time.Instant;
import java.util.Objects;

/**
 * Which trackings of a shop to list: those AfterShip changed in {@code [updatedSince, updatedUntil]},
 * optionally only with one tag.
 *
 * @param updatedUntil null for "until now"
 * @param tag null for every tag
 * @param cursor null for the first page, else the {@code nextCursor} of the page before
 */
public record TrackingQuery(Instant updatedSince, Instant updatedUntil, DeliveryTag tag, String cursor) {

    public TrackingQuery {
        Objects.requireNonNull(updatedSince, "updatedSince");
    }

    public static TrackingQuery changedSince(Instant since) {
        return new TrackingQuery(since, null, null, null);
    }

    public TrackingQuery next(String nextCursor) {
        return new TrackingQuery(updatedSince, updatedUntil, tag, nextCursor);
    }
}
