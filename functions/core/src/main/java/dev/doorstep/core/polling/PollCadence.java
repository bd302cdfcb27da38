package dev.doorstep.core.polling;

import dev.doorstep.core.model.Shop;
import java.time.Duration;
import java.time.Instant;

/**
 * How often a shop's deliveries are polled. The seed polls every 12 hours; a shop whose AfterShip
 * webhooks are arriving already learns of each delivery within minutes, so for it the poll is only a
 * safety net for an event AfterShip could not deliver, and runs every {@link #SAFETY_NET_INTERVAL}.
 * When the webhooks stop (a secret changed, the webhook deleted in AfterShip), the shop is back on its
 * own interval within {@link #WEBHOOKS_WORKING_WITHIN}.
 */
public final class PollCadence {

    /**
     * Five 12-hour cycles: AfterShip retries a failed webhook for about 68 hours, so an event that never
     * gets through is still read by a poll before AfterShip gives up on it.
     */
    public static final Duration SAFETY_NET_INTERVAL = Duration.ofHours(60);
    /** Webhooks count as working while one arrived this recently (parcels in transit send several a day). */
    public static final Duration WEBHOOKS_WORKING_WITHIN = Duration.ofHours(24);

    private PollCadence() {
    }

    /** The interval {@code shop} is polled at, as of {@code at}: its own, or the safety net's if longer. */
    public static Duration interval(Shop shop, Instant at) {
        Duration own = shop.settings().pollInterval();
        return webhooksWorking(shop, at) && SAFETY_NET_INTERVAL.compareTo(own) > 0 ? SAFETY_NET_INTERVAL : own;
    }

    public static boolean webhooksWorking(Shop shop, Instant at) {
        Instant last = shop.lastAfterShipWebhookAt();
        return last != null && !last.isBefore(at.minus(WEBHOOKS_WORKING_WITHIN));
    }
}
