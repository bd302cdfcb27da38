package dev.doorstep.aftership.sandbox;

/** The endpoints the sandbox speaks, each with its documented per-second limit (2024-07 and later). */
public enum Endpoint {
    CREATE_TRACKING(20),
    LIST_TRACKINGS(6),
    GET_TRACKING(5),
    DELETE_TRACKING(5),
    DETECT_COURIER(3),
    LIST_COURIERS(5);

    private final int documentedLimit;

    Endpoint(int documentedLimit) {
        this.documentedLimit = documentedLimit;
    }

    public int documentedLimit() {
        return documentedLimit;
    }

    /** Before 2024-07 one account-wide limit: "Default limit is 10 requests per second". */
    public static final int LEGACY_LIMIT = 10;
}
