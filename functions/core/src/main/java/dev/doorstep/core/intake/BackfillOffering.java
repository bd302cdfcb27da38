package dev.doorstep.core.intake;

import dev.doorstep.core.model.BackfillOccasion;
import dev.doorstep.core.model.BackfillOffer;
import dev.doorstep.core.model.BackfillState;
import dev.doorstep.core.model.Shop;
import dev.doorstep.core.port.BackfillOffers;
import dev.doorstep.core.port.BackfillRequests;
import dev.doorstep.core.port.ShopStore;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;

/**
 * The backfill is offered, not imposed: an install or a switch-on records an offer ({@link BackfillState#OFFERED}),
 * and only an accept (the merchant's button, or the operator's shop API) queues the backfill itself
 * ({@link BackfillRequests}). The worker that runs it reports back ({@link #finish}).
 * <ul>
 *   <li>Accepting twice queues once: an accept while the backfill is queued answers the queued offer, unless
 *       it has waited longer than {@link #QUEUED_GRACE} (its message was lost or ended in the dead-letter
 *       queue), when it is queued again. Running twice is harmless anyway: the backfill never takes an
 *       order in twice.</li>
 *   <li>An offer made while a backfill is queued is not recorded: the queued one reads the same orders.</li>
 *   <li>Every write is conditional on the offer's version, so two saves never lose each other's move.</li>
 * </ul>
 */
public final class BackfillOffering {

    /** How long a queued backfill may take before an accept queues it again. */
    public static final Duration QUEUED_GRACE = Duration.ofMinutes(15);
    private static final int WRITE_TRIES = 5;

    private final ShopStore shops;
    private final BackfillOffers offers;
    private final BackfillRequests requests;

    public BackfillOffering(ShopStore shops, BackfillOffers offers, BackfillRequests requests) {
        this.shops = shops;
        this.offers = offers;
        this.requests = requests;
    }

    public Optional<BackfillOffer> current(String shop) {
        return offers.find(shop);
    }

    /** Offers the backfill (install, switch-on); a queued one is left as it is. */
    public BackfillOffer offer(String shop, BackfillOccasion occasion, Instant now) {
        return write(shop, current -> current.filter(o -> isQueued(o, now)).isPresent() ? Optional.empty()
                : Optional.of(current.map(o -> o.offeredAgain(occasion, now))
                        .orElseGet(() -> BackfillOffer.offered(shop, occasion, now)))).after();
    }

    /**
     * Queues the shop's backfill, offered or not (the operator may ask without an offer).
     *
     * @return empty when the shop is unknown or has uninstalled the app (nothing queued)
     * @throws RuntimeException from {@link BackfillRequests} when the queue cannot take it: the offer is
     *     then put back as it was, so the merchant can try again
     */
    public Optional<BackfillOffer> accept(String shop, Instant now) {
        if (shops.find(shop).filter(Shop::installed).isEmpty()) {
            return Optional.empty();
        }
        Move move = write(shop, current -> current.filter(o -> isQueued(o, now)).isPresent() ? Optional.empty()
                : Optional.of(current.map(o -> o.accepted(now)).orElseGet(() ->
                        BackfillOffer.offered(shop, BackfillOccasion.OPERATOR, null).accepted(now))));
        if (!move.written()) {
            return Optional.of(move.after()); // queued already, by an earlier accept
        }
        try {
            requests.request(shop);
        } catch (RuntimeException e) {
            // Put the offer back as it was (with no offer before: offered, so the button stays), so the page
            // shows the truth and the merchant can try again.
            BackfillOffer was = move.before().orElseGet(() -> BackfillOffer.offered(shop, BackfillOccasion.OPERATOR,
                    now));
            offers.put(was.withVersion(move.after().version()));
            throw e;
        }
        return Optional.of(move.after());
    }

    /**
     * The merchant says no to an offer.
     *
     * @return empty when nothing was ever offered or asked for the shop
     * @throws BackfillConflictException when the backfill is already queued
     */
    public Optional<BackfillOffer> decline(String shop, Instant now) {
        return Optional.ofNullable(write(shop, current -> current.flatMap(o -> switch (o.state()) {
            case OFFERED -> Optional.of(o.declined());
            case QUEUED -> throw new BackfillConflictException("the backfill is already being taken in (queued at "
                    + o.acceptedAt() + "); it cannot be declined now");
            case DONE, DECLINED -> Optional.empty();
        })).after());
    }

    /** The worker ran the backfill: a queued offer becomes done with its outcome; any other state stays. */
    public void finish(String shop, BackfillOutcome outcome, Instant now) {
        write(shop, current -> current.filter(o -> o.state() == BackfillState.QUEUED)
                .map(o -> o.finished(outcome, now)));
    }

    private static boolean isQueued(BackfillOffer offer, Instant now) {
        return offer.state() == BackfillState.QUEUED && offer.acceptedAt() != null
                && offer.acceptedAt().plus(QUEUED_GRACE).isAfter(now);
    }

    /**
     * Reads, decides ({@code move}: empty to leave the offer as it is), writes on the read version; again on a
     * lost race.
     */
    private Move write(String shop, Function<Optional<BackfillOffer>, Optional<BackfillOffer>> move) {
        for (int i = 0; i < WRITE_TRIES; i++) {
            Optional<BackfillOffer> current = offers.find(shop);
            Optional<BackfillOffer> next = move.apply(current);
            if (next.isEmpty()) {
                return new Move(current, current.orElse(null), false);
            }
            Optional<BackfillOffer> stored = offers.put(next.get());
            if (stored.isPresent()) {
                return new Move(current, stored.get(), true);
            }
        }
        throw new IllegalStateException("the backfill offer of " + shop + " kept changing; try again");
    }

    /**
     * One decided move: the offer it was decided on, the offer as stored afterwards (null when there is none),
     * and whether this move wrote it.
     */
    private record Move(Optional<BackfillOffer> before, BackfillOffer after, boolean written) {
    }
}
