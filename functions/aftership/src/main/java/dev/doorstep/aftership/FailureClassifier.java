package dev.doorstep.aftership;

import dev.doorstep.core.tracking.TrackingFailure;
import java.util.Locale;

/**
 * Turns AfterShip's answer into the reason a merchant reads (reference §3). The seed's four reasons
 * map to meta codes: invalid number 4005/4017 (or 4012 "invalid format"), invalid courier 4010 (or 4012
 * "don't recognize the carrier"), courier not added 4012 "not on your approved list", plan exceeded
 * (no documented code: recognised by the message naming the plan, quota or billing).
 */
final class FailureClassifier {

    private FailureClassifier() {
    }

    static TrackingFailure classify(AfterShipResponse r) {
        String message = r.message() == null ? "" : r.message().toLowerCase(Locale.ROOT);
        if (r.status() == -1 || r.status() >= 500) {
            return TrackingFailure.UNAVAILABLE;
        }
        if (mentionsPlan(message) || r.status() == 402) {
            return TrackingFailure.PLAN_LIMIT;
        }
        return switch (r.metaCode()) {
            case 401 -> TrackingFailure.INVALID_API_KEY;
            case 403 -> TrackingFailure.ACCESS_DENIED;
            case 429 -> TrackingFailure.RATE_LIMITED;
            case 4005, 4007, 4017 -> TrackingFailure.INVALID_TRACKING_NUMBER;
            case 4010 -> TrackingFailure.INVALID_COURIER;
            case 4011 -> TrackingFailure.COURIER_FIELDS_REQUIRED;
            case 4012 -> courierProblem(message);
            default -> r.status() == 401 ? TrackingFailure.INVALID_API_KEY
                    : r.status() == 429 ? TrackingFailure.RATE_LIMITED
                    : TrackingFailure.REJECTED;
        };
    }

    /** 4012 carries five different messages (reference §3). */
    private static TrackingFailure courierProblem(String message) {
        if (message.contains("approved list") || message.contains("activate courier")
                || message.contains("settings/courier")) {
            return TrackingFailure.COURIER_NOT_ENABLED;
        }
        if (message.contains("no longer supported")) {
            return TrackingFailure.COURIER_NOT_SUPPORTED;
        }
        if (message.contains("invalid format")) {
            return TrackingFailure.INVALID_TRACKING_NUMBER;
        }
        return TrackingFailure.INVALID_COURIER;
    }

    private static boolean mentionsPlan(String message) {
        return message.contains("quota") || message.contains("billing") || message.contains("your plan")
                || message.contains("select a plan") || message.contains("upgrade");
    }
}
