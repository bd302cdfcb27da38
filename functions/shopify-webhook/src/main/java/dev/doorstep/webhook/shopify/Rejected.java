package dev.doorstep.webhook.shopify;

/**
 * A webhook refused at the edge: a 4xx with a short reason for the sender, and a metric reason
 * ({@code bad-hmac}, {@code too-large}, ...) for the dashboard. Messages never carry payload values.
 */
final class Rejected extends RuntimeException {

    private final int status;
    private final String metricReason;

    Rejected(int status, String metricReason, String message) {
        super(message, null, false, false);
        this.status = status;
        this.metricReason = metricReason;
    }

    static Rejected badPayload(String message) {
        return new Rejected(400, "bad-payload", message);
    }

    int status() {
        return status;
    }

    String metricReason() {
        return metricReason;
    }
}
