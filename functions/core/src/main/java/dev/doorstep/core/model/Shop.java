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
 * @param facts what Shopify last said about the shop (name, contact email, zone, country), or null for a
 *     shop created by the operator's settings API and never read from Shopify
 */
public record Shop(ShopSettings settings, boolean installed, Instant lastPolledAt, Instant lastAfterShipWebhookAt,
        ShopFacts facts) {

    public Shop {
        Objects.requireNonNull(settings, "settings");
    }

    public Shop(ShopSettings settings, boolean installed, Instant lastPolledAt, Instant lastAfterShipWebhookAt) {
        this(settings, installed, lastPolledAt, lastAfterShipWebhookAt, null);
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

    /** The same shop with other settings; everything else (installation, checkpoints, facts) kept. */
    public Shop withSettings(ShopSettings newSettings) {
        return new Shop(newSettings, installed, lastPolledAt, lastAfterShipWebhookAt, facts);
    }

    /**
     * The shop's name for customers: the merchant's override, else Shopify's, else read off the myshopify
     * domain when Shopify never told us.
     */
    public String displayName() {
        if (settings.shopName() != null) {
            return settings.shopName();
        }
        if (facts != null && facts.name() != null) {
            return facts.name();
        }
        String suffix = ".myshopify.com";
        String domain = domain();
        return domain.endsWith(suffix) ? domain.substring(0, domain.length() - suffix.length()) : domain;
    }

    /** Where a customer's reply goes: the merchant's override, else Shopify's contact address, else null. */
    public String replyTo() {
        if (settings.replyTo() != null) {
            return settings.replyTo();
        }
        return facts == null ? null : facts.contactEmail();
    }

    /** Whether a review request of this shop may go out at all. */
    public boolean sendsRequests() {
        return installed && settings.requestsEnabled();
    }
}
