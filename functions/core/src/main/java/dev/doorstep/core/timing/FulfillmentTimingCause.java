package dev.doorstep.core.timing;

/** Why an order is timed from its fulfillment instead of its delivery. */
public enum FulfillmentTimingCause {
    NO_TRACKING_NUMBER("the fulfillment has no tracking number"),
    NO_CARRIER("the fulfillment has no shipping carrier"),
    TRACKING_CREATION_FAILED("AfterShip could not create a tracking after two attempts"),
    TRACKING_EXPIRED("the AfterShip tracking expired without any sign of delivery"),
    INTEGRATION_DISABLED("the AfterShip integration is switched off");

    private final String description;

    FulfillmentTimingCause(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}
