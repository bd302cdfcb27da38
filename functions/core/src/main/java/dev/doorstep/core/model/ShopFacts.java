package dev.doorstep.core.model;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Objects;

/**
 * What Shopify says about a shop (Admin GraphQL {@code shop}, or the {@code shop/update} webhook): they
 * drive the email's From name and subject, its reply-to, domestic vs international and the default time
 * zone, unless the merchant overrides them in settings.
 *
 * @param name the shop's name as the merchant typed it in Shopify
 * @param contactEmail the customer-facing address (the email's Reply-To), or null
 * @param timeZone the shop's IANA time zone, or null when Shopify sent none we know
 * @param countryCode ISO 3166-1 alpha-2 of the shop's address, or null
 * @param readAt when these facts were read
 */
public record ShopFacts(String name, String contactEmail, ZoneId timeZone, String countryCode, Instant readAt) {

    public ShopFacts {
        name = blankToNull(name);
        contactEmail = blankToNull(contactEmail);
        countryCode = blankToNull(countryCode);
        if (countryCode != null) {
            countryCode = countryCode.matches("[A-Za-z]{2}") ? countryCode.toUpperCase(Locale.ROOT) : null;
        }
        Objects.requireNonNull(readAt, "readAt");
    }

    /** An IANA zone id as Shopify sends it; an unknown one reads as none rather than failing the install. */
    public static ZoneId zone(String ianaTimeZone) {
        if (ianaTimeZone == null || ianaTimeZone.isBlank()) {
            return null;
        }
        try {
            return ZoneId.of(ianaTimeZone.trim());
        } catch (java.time.DateTimeException e) {
            return null;
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    /** The contact address names a person's mailbox: withheld from logs. */
    @Override
    public String toString() {
        return "ShopFacts[name=" + name + ", timeZone=" + timeZone + ", countryCode=" + countryCode
                + ", readAt=" + readAt + ", contactEmail withheld]";
    }
}
