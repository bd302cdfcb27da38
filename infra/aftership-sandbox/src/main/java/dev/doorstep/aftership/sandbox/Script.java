package dev.doorstep.aftership.sandbox;

import java.time.Instant;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the sandbox does with one tracking number: how creating it answers, then how the tracking
 * evolves. Set through {@code POST /sandbox/script} or read from the number itself (see README).
 *
 * @param polls for {@link Kind#DELIVERED_AFTER_POLLS}: how many polls (a first-page list or a get) it
 *     takes until Delivered
 * @param deliverAt for {@link Kind#DELIVERED_AT}: the sandbox-clock time of delivery
 * @param rateLimited how many create attempts answer 429 first
 * @param serverErrors how many create attempts answer 503 first
 * @param delayMillis every answer about this number is this slow
 */
public record Script(Kind kind, int polls, Instant deliverAt, int rateLimited, int serverErrors, long delayMillis) {

    public enum Kind {
        DELIVERED_AFTER_POLLS, DELIVERED_AT, IN_TRANSIT, EXPIRED, EXPIRED_DELIVERED,
        // creation failures
        INVALID_NUMBER, BAD_FORMAT, COURIER_NOT_SUPPORTED, COURIER_NOT_ENABLED, COURIER_UNRECOGNISED,
        FIELDS_REQUIRED, QUOTA_EXHAUSTED
    }

    public static Script deliveredAfterPolls(int polls) {
        return new Script(Kind.DELIVERED_AFTER_POLLS, polls, null, 0, 0, 0);
    }

    public static Script deliveredAt(Instant at) {
        return new Script(Kind.DELIVERED_AT, 0, at, 0, 0, 0);
    }

    public static Script of(Kind kind) {
        return new Script(kind, 0, null, 0, 0, 0);
    }

    public Script withRateLimited(int n) {
        return new Script(kind, polls, deliverAt, n, serverErrors, delayMillis);
    }

    public Script withServerErrors(int n) {
        return new Script(kind, polls, deliverAt, rateLimited, n, delayMillis);
    }

    public Script withDelay(long millis) {
        return new Script(kind, polls, deliverAt, rateLimited, serverErrors, millis);
    }

    private static final Pattern COUNT = Pattern.compile("(RATELIMIT|ERROR|SLOW|DELIVERED)(\\d+)");

    /** Reads the outcome from words in the tracking number (case-insensitive), else the default. */
    static Script fromNumber(String trackingNumber, Script fallback) {
        String n = trackingNumber.toUpperCase(Locale.ROOT);
        Script s = fallback;
        if (n.contains("INVALID")) {
            s = of(Kind.INVALID_NUMBER);
        } else if (n.contains("UNSUPPORTED")) {
            s = of(Kind.COURIER_NOT_SUPPORTED);
        } else if (n.contains("NOTADDED")) {
            s = of(Kind.COURIER_NOT_ENABLED);
        } else if (n.contains("BADCOURIER")) {
            s = of(Kind.COURIER_UNRECOGNISED);
        } else if (n.contains("NEEDSPOSTCODE")) {
            s = of(Kind.FIELDS_REQUIRED);
        } else if (n.contains("QUOTA")) {
            s = of(Kind.QUOTA_EXHAUSTED);
        } else if (n.contains("EXPIREDDELIVERED")) {
            s = of(Kind.EXPIRED_DELIVERED);
        } else if (n.contains("EXPIRED")) {
            s = of(Kind.EXPIRED);
        } else if (n.contains("TRANSIT")) {
            s = of(Kind.IN_TRANSIT);
        }
        Matcher m = COUNT.matcher(n);
        while (m.find()) {
            int value = Integer.parseInt(m.group(2));
            s = switch (m.group(1)) {
                case "RATELIMIT" -> s.withRateLimited(value);
                case "ERROR" -> s.withServerErrors(value);
                case "SLOW" -> s.withDelay(value);
                default -> new Script(Kind.DELIVERED_AFTER_POLLS, value, null, s.rateLimited, s.serverErrors,
                        s.delayMillis);
            };
        }
        return s;
    }
}
