package dev.doorstep.core.timing;

/** Which rule of the seed set the send time. */
public enum TimingReason {
    /** Delivered: the wait days after delivery. */
    DELIVERY_BASED,
    /** Delivered, but the minimum delay after fulfillment ends later and wins. */
    MINIMUM_DELAY_FLOOR,
    /** No delivery to go by (no tracking, creation failed twice, expired, integration off). */
    FULFILLMENT_BASED,
    /** The fallback deadline after fulfillment came first ("stuck in transit"). */
    FALLBACK
}
