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
}
