package dev.doorstep.core.delivery;

/** The AfterShip tags that matter for timing; every other tag means "still on its way". */
public enum TrackingState {
    DELIVERED,
    EXPIRED,
    ON_ITS_WAY;

    /** Maps AfterShip's {@code tag} (Delivered, Expired, InTransit, Pending, ...). */
    public static TrackingState ofTag(String tag) {
        if (tag == null) {
            return ON_ITS_WAY;
        }
        return switch (tag) {
            case "Delivered" -> DELIVERED;
            case "Expired" -> EXPIRED;
            default -> ON_ITS_WAY;
        };
    }
}
