package dev.doorstep.aftership;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps each AfterShip account (API key) under its per-second limits, however many orders of one
 * shop a batch holds and however many threads share the container. AfterShip counts per account
 * and endpoint in one-second windows (reference §6), so do we: a caller waits for the next second when
 * this one is used up, and waits until the reset AfterShip named when it said none are left.
 */
final class AccountRateLimiter {

    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    /** Blocks until a request to {@code endpoint} fits the account's limit, then counts it. */
    void acquire(ApiKey key, Endpoint endpoint, ApiVersion version) throws InterruptedException {
        Window window = windows.computeIfAbsent(bucket(key, endpoint, version),
                b -> new Window(version.perEndpointLimits() ? endpoint.documentedLimit : Endpoint.LEGACY_LIMIT));
        long waitMillis;
        while ((waitMillis = window.tryTake(System.currentTimeMillis())) > 0) {
            Thread.sleep(waitMillis);
        }
    }

    /** What AfterShip's {@code X-RateLimit-*} headers said: a lower limit, or nothing left until {@code reset}. */
    void observe(ApiKey key, Endpoint endpoint, ApiVersion version, Integer limit, Integer remaining, Long resetEpochSeconds) {
        Window window = windows.get(bucket(key, endpoint, version));
        if (window != null) {
            window.observe(limit, remaining, resetEpochSeconds);
        }
    }

    private static String bucket(ApiKey key, Endpoint endpoint, ApiVersion version) {
        return key.id() + "/" + (version.perEndpointLimits() ? endpoint.name() : "ALL");
    }

    private static final class Window {
        private int limit;
        private long second = -1;
        private int used;
        private long blockedUntilMillis;

        Window(int limit) {
            this.limit = limit;
        }

        /** @return 0 when taken, else how long to wait before asking again */
        synchronized long tryTake(long nowMillis) {
            if (nowMillis < blockedUntilMillis) {
                return blockedUntilMillis - nowMillis;
            }
            long s = nowMillis / 1000;
            if (s != second) {
                second = s;
                used = 0;
            }
            if (used < limit) {
                used++;
                return 0;
            }
            return (s + 1) * 1000 - nowMillis + 1;
        }

        synchronized void observe(Integer serverLimit, Integer remaining, Long reset) {
            if (serverLimit != null && serverLimit > 0 && serverLimit < limit) {
                limit = serverLimit;
            }
            if (remaining != null && remaining == 0 && reset != null) {
                blockedUntilMillis = Math.max(blockedUntilMillis, reset * 1000);
            }
        }
    }
}
