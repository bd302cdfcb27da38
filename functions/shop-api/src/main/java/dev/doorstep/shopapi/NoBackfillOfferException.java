package dev.doorstep.shopapi;

/** A decline of a known shop's backfill when nothing was ever offered or asked for it: nothing to decline. */
final class NoBackfillOfferException extends RuntimeException {

    NoBackfillOfferException(String shop) {
        super("no backfill was offered to " + shop + "; nothing to decline");
    }
}
