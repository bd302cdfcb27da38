package dev.doorstep.core.model;

/** Why a backfill was offered (or run): the moment orders fulfilled before it had no webhook for us. */
public enum BackfillOccasion {
    /** The shop installed the app (first time, or back after uninstalling). */
    INSTALL,
    /** The merchant switched the AfterShip integration on. */
    SWITCH_ON,
    /** The operator asked through the shop API without an offer. */
    OPERATOR
}
