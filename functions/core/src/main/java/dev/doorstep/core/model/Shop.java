package dev.doorstep.core.model;

import java.time.Instant;
import java.util.Objects;

/**
 * A shop that installed the app: its settings and whether it is still installed.
 * The AfterShip API key is not here: it lives encrypted in the store and only the AfterShip adapter
 * ever sees it in clear.
 *
 * @param lastPolledAt the start of the last successful delivery poll (the next poll asks AfterShip
 *     only for trackings changed since then), or null before the first
 * @param lastAfterShipWebhookAt when a validly signed AfterShip webhook of the shop last arrived (kept to
 *     the hour), or null if none ever did: while they arrive, polling is only a safety net
 */
public record Shop(ShopSettings settings, boolean installed, Instant lastPolledAt, Instant lastAfterShipWebhookAt) {

    public Shop {
        Objects.requireNonNull(settings, "settings");
    }

    public Shop(ShopSettings settings, boolean installed, Instant lastPolledAt) {
        this(settings, installed, lastPolledAt, null);
    }

    public static Shop installed(ShopSettings settings) {
        return new Shop(settings, true, null);
    }

    public String domain() {
        return settings.shop();
    }

    /** Whether a review request of this shop may go out at all. */
    public boolean sendsRequests() {
        return installed && settings.requestsEnabled();
    }
}
