package dev.doorstep.core.model;

import dev.doorstep.core.intake.BackfillOutcome;
import java.time.Instant;
import java.util.Objects;

/**
 * A shop's offer to take in its orders from before the install or the switch-on. The backfill is offered,
 * never run unasked: the merchant may not want thirty days of past customers emailed, or may want to switch
 * AfterShip on first so those orders are timed on delivery.
 *
 * @param offeredAt when the offer was made (install, switch-on), or null when the operator asked directly
 * @param acceptedAt when it was last accepted (queued), or null
 * @param finishedAt when the backfill last finished, or null
 * @param outcome what the last finished backfill did, or null
 * @param version optimistic-locking counter owned by the store (0: never stored)
 */
public record BackfillOffer(String shop, BackfillState state, BackfillOccasion occasion, Instant offeredAt,
        Instant acceptedAt, Instant finishedAt, BackfillOutcome outcome, long version) {

    public BackfillOffer {
        Objects.requireNonNull(shop, "shop");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(occasion, "occasion");
    }

    public static BackfillOffer offered(String shop, BackfillOccasion occasion, Instant now) {
        return new BackfillOffer(shop, BackfillState.OFFERED, occasion, now, null, null, null, 0);
    }

    /** The next copy of this offer (the store checks {@link #version} and counts it up). */
    public BackfillOffer offeredAgain(BackfillOccasion newOccasion, Instant now) {
        return new BackfillOffer(shop, BackfillState.OFFERED, newOccasion, now, null, finishedAt, outcome, version);
    }

    public BackfillOffer accepted(Instant now) {
        return new BackfillOffer(shop, BackfillState.QUEUED, occasion, offeredAt, now, finishedAt, outcome, version);
    }

    public BackfillOffer declined() {
        return new BackfillOffer(shop, BackfillState.DECLINED, occasion, offeredAt, acceptedAt, finishedAt, outcome,
                version);
    }

    /** The same offer at another version (the store's copy after a write, or a put-back on the current one). */
    public BackfillOffer withVersion(long newVersion) {
        return new BackfillOffer(shop, state, occasion, offeredAt, acceptedAt, finishedAt, outcome, newVersion);
    }

    public BackfillOffer finished(BackfillOutcome done, Instant now) {
        return new BackfillOffer(shop, BackfillState.DONE, occasion, offeredAt, acceptedAt, now, done, version);
    }
}
