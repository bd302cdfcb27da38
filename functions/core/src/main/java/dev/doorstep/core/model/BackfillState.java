package dev.doorstep.core.model;

/** Where a shop's backfill offer stands, in the merchant's words. */
public enum BackfillState {
    /** Offered at install or switch-on; nothing is read until the merchant (or operator) accepts. */
    OFFERED("Offered"),
    /** Accepted: queued for the shop poll worker, which reads the shop's orders from Shopify. */
    QUEUED("Taking in"),
    /** The backfill ran; its outcome says what it took in. */
    DONE("Done"),
    /** The merchant said no; a later switch-on or reinstall offers again. */
    DECLINED("Declined");

    private final String label;

    BackfillState(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
