package dev.doorstep.aftership.sandbox;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * One AfterShip account (one API key): its activated couriers, shipment quota, rate limits and any
 * faults queued for its next requests. Guarded by the sandbox's lock.
 */
final class Account {

    /** Couriers activated on the account; null means every courier ("all activated"). */
    Set<String> couriers;
    /** Shipments the plan still allows; negative means unlimited. */
    int quotaLeft = -1;
    boolean keyInvalid;
    final Map<Endpoint, Integer> limits = new EnumMap<>(Endpoint.class);
    /** Statuses (429, 503, ...) that the account's next requests answer with, one each ("storms"). */
    final Deque<Integer> faults = new ArrayDeque<>();
    long delayMillis;

    private final Map<String, Window> windows = new HashMap<>();

    int limit(Endpoint endpoint, ApiVersion version) {
        Integer set = limits.get(endpoint);
        if (set != null) {
            return set;
        }
        return version.perEndpointLimits() ? endpoint.documentedLimit() : Endpoint.LEGACY_LIMIT;
    }

    /**
     * Counts a request in the current one-second window (per endpoint from 2024-07, account-wide before).
     *
     * @return the window after counting; {@code remaining < 0} means over the limit
     */
    Window count(Endpoint endpoint, ApiVersion version, Instant now) {
        String bucket = version.perEndpointLimits() ? endpoint.name() : "ALL";
        long second = now.getEpochSecond();
        int limit = limit(endpoint, version);
        Window w = windows.get(bucket);
        if (w == null || w.second != second) {
            w = new Window(second, limit, limit);
        }
        w = new Window(second, limit, w.remaining - 1);
        windows.put(bucket, w);
        return w;
    }

    /** @param remaining requests left in this second; negative when this one was over the limit */
    record Window(long second, int limit, int remaining) {
        long reset() {
            return second + 1;
        }
    }
}
