package dev.doorstep.shopapi;

/** The poll queue did not take an accepted backfill; the offer was put back as it was. */
final class BackfillNotQueuedException extends RuntimeException {

    BackfillNotQueuedException(RuntimeException cause) {
        super("the backfill could not be queued now (" + cause.getClass().getSimpleName() + "); nothing changed,"
                + " try again", cause);
    }
}
