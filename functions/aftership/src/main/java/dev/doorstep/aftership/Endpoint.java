package dev.doorstep.aftership;

/** The AfterShip endpoints we call, with their documented per-second limits (reference §6, 2024-07+). */
enum Endpoint {
    CREATE_TRACKING(20),
    LIST_TRACKINGS(6),
    GET_TRACKING(5),
    DELETE_TRACKING(5),
    DETECT_COURIER(3),
    LIST_COURIERS(5);

    /** v4 up to 2024-04: one account-wide "10 requests per second". */
    static final int LEGACY_LIMIT = 10;

    final int documentedLimit;

    Endpoint(int documentedLimit) {
        this.documentedLimit = documentedLimit;
    }
}
