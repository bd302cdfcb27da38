package dev.doorstep.poller;

import dev.doorstep.core.polling.DueWorkSweep;
import dev.doorstep.core.polling.SweepOutcome;
import dev.doorstep.core.port.ShopStore;
import java.time.Instant;

/**
 * The 12-hourly poll's SnapStart priming: the handler's own sweep of due work, asked for what was due
 * before the year 1 (its Query of each due-index shard), and the shop read the sweep makes for a due
 * order, of a shop that cannot exist.
 *
 * <p>Why it is safe at deployment time: every due time is a fulfillment's time plus days, so nothing is
 * due before the year 1; the sweep finds no order and handles none: no write, no schedule, no AfterShip
 * call. Shops are stored only as {@code *.myshopify.com}, so the shop read misses. The tracked shops
 * are not listed (that read would find the merchants' shops) and nothing is queued on SQS. Nothing is
 * logged and no metric is counted (that is the handler's part).
 */
final class DeliveryPollerPriming {

    static final Instant NOTHING_IS_DUE_BEFORE = Instant.parse("0001-01-01T00:00:00Z");
    static final String SHOP = "doorstep-snapstart-priming.invalid";

    private DeliveryPollerPriming() {
    }

    static SweepOutcome prime(DueWorkSweep sweep, ShopStore shops) {
        SweepOutcome swept = sweep.sweep(NOTHING_IS_DUE_BEFORE, () -> true);
        shops.find(SHOP);
        return swept;
    }
}
