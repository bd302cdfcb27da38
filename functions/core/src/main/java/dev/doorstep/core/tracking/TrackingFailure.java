package dev.doorstep.core.tracking;

/**
 * Why AfterShip did not create (or could not be asked to create) a tracking, in the words the
 * merchant reads on the dashboard. {@link #isTransient()} failures say nothing about the order: asking
 * again later may well succeed, so they never count as one of the seed's two attempts.
 */
public enum TrackingFailure {
    INVALID_TRACKING_NUMBER("invalid tracking number", false),
    INVALID_COURIER("invalid courier", false),
    COURIER_NOT_SUPPORTED("AfterShip no longer supports this courier", false),
    COURIER_NOT_ENABLED("courier is not added in AfterShip (Settings > Couriers)", false),
    COURIER_FIELDS_REQUIRED("the courier needs more details than Shopify gives (e.g. a postal code)", false),
    PLAN_LIMIT("the AfterShip plan's shipment limit is exceeded", false),
    INVALID_API_KEY("AfterShip rejected the API key", false),
    NO_API_KEY("no AfterShip API key is saved for the shop", false),
    ACCESS_DENIED("AfterShip refused access (the plan may not include the API)", false),
    REJECTED("AfterShip rejected the request", false),
    RATE_LIMITED("AfterShip's rate limit was reached", true),
    UNAVAILABLE("AfterShip did not answer", true);

    private final String description;
    private final boolean transientFailure;

    TrackingFailure(String description, boolean transientFailure) {
        this.description = description;
        this.transientFailure = transientFailure;
    }

    public String description() {
        return description;
    }

    public boolean isTransient() {
        return transientFailure;
    }
}
