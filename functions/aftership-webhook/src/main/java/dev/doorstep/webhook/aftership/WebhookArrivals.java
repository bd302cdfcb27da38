package dev.doorstep.webhook.aftership;

import dev.doorstep.core.port.ShopStore;
import dev.doorstep.lambda.JsonLog;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Notes on the shop that its AfterShip webhooks arrive (see PollCadence: while they do, the poll is only
 * a safety net). One write per shop and container an hour at most: the cadence only needs to know
 * "within the last day".
 */
final class WebhookArrivals {

    static final Duration RECORD_EVERY = Duration.ofHours(1);
    private static final JsonLog LOG = JsonLog.of(WebhookArrivals.class);

    private final ShopStore shops;
    private final Map<String, Instant> recorded = new ConcurrentHashMap<>();

    WebhookArrivals(ShopStore shops) {
        this.shops = shops;
    }

    /** After the signature matched. A failure here only leaves the shop polled every 12 hours. */
    void arrived(String shop, Instant at) {
        Instant last = recorded.get(shop);
        if (last != null && last.plus(RECORD_EVERY).isAfter(at)) {
            return;
        }
        try {
            shops.recordAfterShipWebhook(shop, at);
            recorded.put(shop, at);
        } catch (RuntimeException e) {
            LOG.warn("could not note the AfterShip webhook's arrival; the shop stays on its poll interval",
                    Map.of("shop", shop, "error", e.getClass().getSimpleName()));
        }
    }
}
