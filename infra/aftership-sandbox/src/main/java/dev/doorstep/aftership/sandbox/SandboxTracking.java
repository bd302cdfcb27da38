package dev.doorstep.aftership.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** One tracking the sandbox created, and how it moves on each poll or as the sandbox clock advances. */
final class SandboxTracking {

    record Scan(String tag, String subtag, Instant at) {
    }

    final String id;
    final String accountId;
    final String trackingNumber;
    final String slug;
    /** The create request's fields, echoed back as AfterShip does. */
    final ObjectNode fields;
    final Script script;
    final Instant createdAt;
    Instant updatedAt;
    String tag = "Pending";
    String subtag = "Pending_001";
    Instant deliveredAt;
    int polls;
    final List<Scan> checkpoints = new ArrayList<>();

    SandboxTracking(String id, String accountId, String trackingNumber, String slug, ObjectNode fields,
            Script script, Instant now) {
        this.id = id;
        this.accountId = accountId;
        this.trackingNumber = trackingNumber;
        this.slug = slug;
        this.fields = fields;
        this.script = script;
        this.createdAt = now;
        this.updatedAt = now;
    }

    boolean active() {
        return !tag.equals("Delivered") && !tag.equals("Expired");
    }

    /**
     * Moves the tracking on: {@code polled} counts one more poll. Returns true when its tag changed
     * (then {@code updated_at} is now, so a list "changed since" finds it).
     */
    boolean advance(Instant now, boolean polled) {
        if (polled) {
            polls++;
        }
        if (!active()) {
            return false;
        }
        String before = tag;
        switch (script.kind()) {
            case DELIVERED_AFTER_POLLS -> {
                if (polls >= Math.max(1, script.polls())) {
                    deliver(now);
                } else if (polls >= 1) {
                    inTransit(now);
                }
            }
            case DELIVERED_AT -> {
                if (script.deliverAt() != null && !now.isBefore(script.deliverAt())) {
                    deliver(script.deliverAt());
                } else if (polls >= 1) {
                    inTransit(now);
                }
            }
            case IN_TRANSIT -> {
                if (polls >= 1) {
                    inTransit(now);
                }
            }
            case EXPIRED, EXPIRED_DELIVERED -> {
                if (polls >= 1) {
                    inTransit(createdAt.plus(Duration.ofDays(1)));
                    if (script.kind() == Script.Kind.EXPIRED_DELIVERED) {
                        // the carrier scanned the delivery, but AfterShip never moved the tag (the seed's case)
                        checkpoints.add(new Scan("Delivered", "Delivered_001", createdAt.plus(Duration.ofDays(3))));
                    }
                    tag = "Expired";
                    subtag = "Expired_001";
                }
            }
            default -> { }
        }
        if (!tag.equals(before)) {
            updatedAt = now;
            return true;
        }
        return false;
    }

    /** Delivered at {@code at} (the control endpoint's "deliver now"). */
    boolean deliver(Instant at) {
        if (tag.equals("Delivered")) {
            return false;
        }
        if (tag.equals("Pending")) {
            inTransit(at.minus(Duration.ofHours(1)));
        }
        tag = "Delivered";
        subtag = "Delivered_001";
        deliveredAt = at;
        checkpoints.add(new Scan("Delivered", "Delivered_001", at));
        updatedAt = at.isAfter(updatedAt) ? at : updatedAt;
        return true;
    }

    private void inTransit(Instant at) {
        if (tag.equals("Pending")) {
            tag = "InTransit";
            subtag = "InTransit_001";
            checkpoints.add(new Scan("InTransit", "InTransit_001", at));
        }
    }
}
