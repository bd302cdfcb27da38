package dev.doorstep.core.intake;

/**
 * What one backfill did.
 *
 * @param read orders the source returned
 * @param tracked orders taken in to be tracked in AfterShip ("Creating tracking")
 * @param scheduled orders taken in on fulfillment timing ("Will send"), spread over the send window
 * @param alreadyKnown orders Doorstep already had (their request is planned, sent or cancelled): untouched
 * @param outsideWindow orders fulfilled before the window (ignored)
 */
public record BackfillOutcome(int read, int tracked, int scheduled, int alreadyKnown, int outsideWindow) {
}
