package dev.doorstep.core.shopify;

import dev.doorstep.core.model.ShopFacts;
import dev.doorstep.core.model.ShopSettings;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * Which of a shop's country and time zone are Shopify's and which the merchant's own. A setting that is
 * unset (no country, the UTC default zone) or still equal to what Shopify said last time follows
 * Shopify; any other value is the merchant's override and Shopify's changes leave it alone.
 */
public final class SettingsFromFacts {

    /** Where an effective value comes from, as the settings answer reports it. */
    public enum Source { SHOPIFY, OVERRIDE, DEFAULT }

    private SettingsFromFacts() {
    }

    /** {@code settings} with every value that follows Shopify set from {@code facts}. */
    public static ShopSettings apply(ShopSettings settings, ShopFacts previous, ShopFacts facts) {
        ShopSettings.Builder b = settings.toBuilder();
        if (facts.countryCode() != null && (settings.shopCountry() == null
                || previous != null && settings.shopCountry().equals(previous.countryCode()))) {
            b.shopCountry(facts.countryCode());
        }
        if (facts.timeZone() != null && (isDefaultZone(settings.timeZone())
                || previous != null && settings.timeZone().equals(previous.timeZone()))) {
            b.timeZone(facts.timeZone());
        }
        return b.build();
    }

    public static Source countrySource(ShopSettings settings, ShopFacts facts) {
        if (settings.shopCountry() == null) {
            return Source.DEFAULT;
        }
        return facts != null && settings.shopCountry().equals(facts.countryCode()) ? Source.SHOPIFY : Source.OVERRIDE;
    }

    public static Source timeZoneSource(ShopSettings settings, ShopFacts facts) {
        if (facts != null && settings.timeZone().equals(facts.timeZone())) {
            return Source.SHOPIFY;
        }
        return isDefaultZone(settings.timeZone()) ? Source.DEFAULT : Source.OVERRIDE;
    }

    private static boolean isDefaultZone(ZoneId zone) {
        return Objects.equals(zone, ZoneOffset.UTC) || "UTC".equals(zone.getId());
    }
}
