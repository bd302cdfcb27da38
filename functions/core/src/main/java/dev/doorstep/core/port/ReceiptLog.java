package dev.doorstep.core.port;

import java.time.Instant;

/**
 * Remembers deliveries already accepted (Shopify webhook ids, AfterShip event ids), so that a
 * duplicate changes nothing.
 */
public interface ReceiptLog {

    /**
     * Records {@code id} of {@code source} unless it is already there.
     *
     * @return true for the first receipt, false for a duplicate
     */
    boolean firstReceipt(String source, String id, Instant forgetAfter);

    /**
     * Whether {@code id} of {@code source} was already recorded (and not yet forgotten). Lets a caller
     * skip a duplicate before doing the work, and record the receipt only once the work is done, so
     * that a crash half way never turns Shopify's retry into a skipped duplicate.
     */
    boolean alreadyReceived(String source, String id);
}
