package dev.doorstep.core.model;

/** Which parcel of an order shipped in several fulfillments times its review request. */
public enum SplitShipmentTiming {
    /** The initial fulfillment's, as the seed does (the default). */
    FIRST,
    /** The last parcel's delivery: every fulfillment's tracking is followed; fallback and minimum delay count
     * from the last fulfillment. */
    LAST
}
