package dev.doorstep.core.intake;

import dev.doorstep.core.model.Shop;
import dev.doorstep.core.port.ShopStore;
import java.time.Instant;
import java.util.Optional;

/**
 * A requested backfill ({@code BackfillRequests}) of one shop, by its domain: the shop as stored now, unless it
 * is unknown or has uninstalled the app meanwhile (then nothing is read). Its outcome is recorded on the shop's
 * offer ({@link BackfillOffering#finish}), where the merchant's page shows it.
 */
public final class ShopBackfill {

    private final ShopStore shops;
    private final Backfill backfill;
    private final BackfillOffering offering;

    public ShopBackfill(ShopStore shops, Backfill backfill, BackfillOffering offering) {
        this.shops = shops;
        this.backfill = backfill;
        this.offering = offering;
    }

    public Optional<BackfillOutcome> run(String shop, Instant now) {
        Optional<BackfillOutcome> done = shops.find(shop).filter(Shop::installed).map(s -> backfill.run(s, now));
        done.ifPresent(outcome -> offering.finish(shop, outcome, now));
        return done;
    }
}
