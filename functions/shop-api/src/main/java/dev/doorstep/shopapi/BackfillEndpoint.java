package dev.doorstep.shopapi;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.doorstep.core.intake.Backfill;
import dev.doorstep.core.intake.BackfillOffering;
import dev.doorstep.core.intake.BackfillOutcome;
import dev.doorstep.core.model.BackfillOffer;
import dev.doorstep.core.model.Shop;
import dev.doorstep.core.port.ShopStore;
import dev.doorstep.lambda.Json;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * {@code GET|POST|DELETE /shops/{shop}/backfill}: the offer to take in the orders fulfilled before the install
 * or the switch-on (docs/design.md, "Orders from before"). GET shows it, POST accepts it (queues the backfill;
 * the operator may ask without an offer), DELETE declines it. Each answer says how the orders would be timed
 * (on delivery with AfterShip on, else on fulfillment) so the merchant can switch AfterShip on first.
 */
final class BackfillEndpoint {

    private final ShopStore shops;
    private final BackfillOffering offering;
    private final int perDay;
    private final Clock clock;

    BackfillEndpoint(ShopStore shops, BackfillOffering offering, int perDay, Clock clock) {
        this.shops = shops;
        this.offering = offering;
        this.perDay = perDay;
        this.clock = clock;
    }

    Optional<ObjectNode> get(String shop) {
        return shops.find(shop).map(s -> answer(s, offering.current(shop)));
    }

    /**
     * Empty when the shop is unknown or uninstalled.
     *
     * @throws BackfillNotQueuedException when the poll queue did not take it
     */
    Optional<ObjectNode> accept(String shop) {
        Optional<BackfillOffer> queued;
        try {
            queued = offering.accept(shop, clock.instant());
        } catch (RuntimeException e) {
            throw new BackfillNotQueuedException(e);
        }
        return queued.flatMap(o -> shops.find(shop).map(s -> answer(s, Optional.of(o))));
    }

    /**
     * Empty when the shop is unknown.
     *
     * @throws NoBackfillOfferException when nothing was ever offered or asked for the shop
     */
    Optional<ObjectNode> decline(String shop) {
        return shops.find(shop).map(s -> answer(s, Optional.of(offering.decline(shop, clock.instant())
                .orElseThrow(() -> new NoBackfillOfferException(shop)))));
    }

    private ObjectNode answer(Shop shop, Optional<BackfillOffer> offer) {
        LocalTimes local = new LocalTimes(shop.settings().timeZone());
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.put("shop", shop.domain());
        out.put("state", offer.map(o -> o.state().name()).orElse("NONE"));
        out.put("stateLabel", offer.map(o -> o.state().label()).orElse("Not offered"));
        offer.ifPresent(o -> {
            out.put("occasion", o.occasion().name());
            times(out, "offeredAt", o.offeredAt(), local);
            times(out, "acceptedAt", o.acceptedAt(), local);
            times(out, "finishedAt", o.finishedAt(), local);
            if (o.outcome() != null) {
                outcome(out.putObject("outcome"), o.outcome());
            }
        });
        out.put("windowDays", Backfill.WINDOW.toDays());
        out.put("perDay", perDay);
        boolean onDelivery = shop.settings().aftershipEnabled();
        out.put("timing", onDelivery ? "delivery" : "fulfillment");
        out.put("explanation", "Takes in the orders fulfilled in the last " + Backfill.WINDOW.toDays()
                + " days that Doorstep has no review request for, as if their webhooks had just come: "
                + (onDelivery ? "each is tracked in AfterShip and timed on its delivery"
                        : "AfterShip is off, so each is timed from its fulfillment (switch AfterShip on first to "
                                + "time them on delivery)")
                + ". Never a second email for an order; at most " + perDay + " requests a day, spread over the send"
                + " window.");
        return out;
    }

    private static void times(ObjectNode out, String name, Instant at, LocalTimes local) {
        if (at != null) {
            out.put(name, at.toString());
            out.put(name + "Local", local.show(at));
        }
    }

    private static void outcome(ObjectNode out, BackfillOutcome o) {
        out.put("read", o.read());
        out.put("tracked", o.tracked());
        out.put("scheduled", o.scheduled());
        out.put("alreadyKnown", o.alreadyKnown());
        out.put("outsideWindow", o.outsideWindow());
    }
}
