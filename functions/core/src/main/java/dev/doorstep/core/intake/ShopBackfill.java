package dev.doorstep.core.intake;

import dev.doorstep.core.model.Shop;
import dev.doorstep.core.port.ShopStore;
import java.time.Instant;
import java.util.Optional;

/**
 * A requested backfill ({@code BackfillRequests}) of one shop, by its domain: the shop as stored now, unless it
 * is unknown or has uninstalled the app meanwhile (then nothing is read).
 */
public final class ShopBackfill {

    private final ShopStore shops;
    private final Backfill backfill;

    public ShopBackfill(ShopStore shops, Backfill backfill) {
        this.shops = shops;
        this.backfill = backfill;
    }

    public Optional<BackfillOutcome> run(String shop, Instant now) {
        return shops.find(shop).filter(Shop::installed).map(s -> backfill.run(s, now));
    }
}
