package dev.doorstep.core.model;

import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * What a merchant sets, with the seed's defaults. Construction validates every field and names all the
 * bad ones at once ({@link InvalidSettingException#errors()}).
 *
 * @param aftershipEnabled the AfterShip integration switch; off means fulfillment timing for every order
 * @param shopCountry ISO 3166-1 alpha-2 country of the shop, to tell domestic from international orders
 * @param fallbackDays with {@code fallbackEnabled}, a request goes out at most this many days after
 *     fulfillment whatever AfterShip says ("stuck in transit")
 * @param trackingRetryDelay how long after a failed tracking creation the one retry happens
 * @param sendPhoneToAfterShip pass the default address's phone to AfterShip for SMS (the seed does)
 * @param sendBuyerEmailToAfterShip pass the buyer's email to AfterShip, which then emails the buyer
 *     itself (the seed always does; we make it the merchant's choice, off by default)
 * @param sendWindow optional hours of the shop's day for sending, or null for any time
 * @param emailTemplate the shop's own wording, or null for the default
 * @param shopName the merchant's override of the shop's name in emails (From and {shop_name}), or null for
 *     Shopify's name
 * @param replyTo the merchant's override of the emails' Reply-To, or null for Shopify's contact email
 * @param splitShipmentTiming which parcel of an order shipped in several fulfillments times the request:
 *     {@code FIRST} (the seed's rule, the default) or {@code LAST}
 */
public record ShopSettings(
        String shop,
        boolean requestsEnabled,
        boolean aftershipEnabled,
        String shopCountry,
        ZoneId timeZone,
        int waitDaysAfterDelivery,
        int waitDaysAfterFulfillment,
        int minDelayDomesticDays,
        int minDelayInternationalDays,
        boolean fallbackEnabled,
        int fallbackDays,
        Duration trackingRetryDelay,
        Duration pollInterval,
        boolean sendPhoneToAfterShip,
        boolean sendBuyerEmailToAfterShip,
        SendWindow sendWindow,
        EmailTemplate emailTemplate,
        String shopName,
        String replyTo,
        SplitShipmentTiming splitShipmentTiming) {

    public static final int WAIT_DAYS_AFTER_DELIVERY = 3;
    public static final int WAIT_DAYS_AFTER_FULFILLMENT = 7;
    public static final int MIN_DELAY_DOMESTIC_DAYS = 7;
    public static final int MIN_DELAY_INTERNATIONAL_DAYS = 14;
    public static final int FALLBACK_DAYS = 60;
    public static final Duration TRACKING_RETRY_DELAY = Duration.ofHours(12);
    public static final Duration POLL_INTERVAL = Duration.ofHours(12);
    private static final int MAX_DAYS = 365;
    private static final int MAX_NAME = 100;
    private static final java.util.regex.Pattern EMAIL =
            java.util.regex.Pattern.compile("[\\x21-\\x7e&&[^<>@,;\"]]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}");

    public ShopSettings(String shop, boolean requestsEnabled, boolean aftershipEnabled, String shopCountry,
            ZoneId timeZone, int waitDaysAfterDelivery, int waitDaysAfterFulfillment, int minDelayDomesticDays,
            int minDelayInternationalDays, boolean fallbackEnabled, int fallbackDays, Duration trackingRetryDelay,
            Duration pollInterval, boolean sendPhoneToAfterShip, boolean sendBuyerEmailToAfterShip,
            SendWindow sendWindow, EmailTemplate emailTemplate) {
        this(shop, requestsEnabled, aftershipEnabled, shopCountry, timeZone, waitDaysAfterDelivery,
                waitDaysAfterFulfillment, minDelayDomesticDays, minDelayInternationalDays, fallbackEnabled, fallbackDays,
                trackingRetryDelay, pollInterval, sendPhoneToAfterShip, sendBuyerEmailToAfterShip, sendWindow,
                emailTemplate, null, null, SplitShipmentTiming.FIRST);
    }

    public ShopSettings {
        FieldErrors errors = new FieldErrors();
        if (shop == null || shop.isBlank()) {
            errors.add("shop", "must name the shop's myshopify.com domain");
        }
        timeZone = timeZone == null ? ZoneOffset.UTC : timeZone;
        trackingRetryDelay = trackingRetryDelay == null ? TRACKING_RETRY_DELAY : trackingRetryDelay;
        pollInterval = pollInterval == null ? POLL_INTERVAL : pollInterval;
        splitShipmentTiming = splitShipmentTiming == null ? SplitShipmentTiming.FIRST : splitShipmentTiming;
        if (shopCountry != null && !shopCountry.matches("[A-Za-z]{2}")) {
            errors.add("shopCountry", "must be a two-letter ISO 3166-1 code, got '" + shopCountry + "'");
        }
        shopCountry = shopCountry == null ? null : shopCountry.toUpperCase(java.util.Locale.ROOT);
        days(errors, "waitDaysAfterDelivery", waitDaysAfterDelivery);
        days(errors, "waitDaysAfterFulfillment", waitDaysAfterFulfillment);
        days(errors, "minDelayDomesticDays", minDelayDomesticDays);
        days(errors, "minDelayInternationalDays", minDelayInternationalDays);
        days(errors, "fallbackDays", fallbackDays);
        // A minimum delay out of range is named itself; the fallback is not blamed for it too.
        boolean delaysGood = !errors.has("minDelayDomesticDays") && !errors.has("minDelayInternationalDays");
        if (fallbackEnabled && delaysGood && fallbackDays < Math.max(minDelayDomesticDays, minDelayInternationalDays)) {
            errors.add("fallbackDays", "must be at least the longest minimum delay ("
                    + Math.max(minDelayDomesticDays, minDelayInternationalDays) + " days), got " + fallbackDays);
        }
        if (trackingRetryDelay.isNegative() || trackingRetryDelay.isZero()) {
            errors.add("trackingRetryDelay", "must be positive");
        }
        if (pollInterval.isNegative() || pollInterval.isZero()) {
            errors.add("pollInterval", "must be positive");
        }
        shopName = shopName == null || shopName.isBlank() ? null : shopName.strip();
        if (shopName != null && (shopName.length() > MAX_NAME || shopName.chars().anyMatch(Character::isISOControl))) {
            errors.add("shopName", "must be at most " + MAX_NAME + " characters on one line");
        }
        replyTo = replyTo == null || replyTo.isBlank() ? null : replyTo.strip();
        if (replyTo != null && !EMAIL.matcher(replyTo).matches()) {
            errors.add("replyTo", "must be a plain email address such as hello@example.com");
        }
        errors.throwIfAny();
    }

    private static void days(FieldErrors errors, String field, int value) {
        if (value < 0 || value > MAX_DAYS) {
            errors.add(field, "must be between 0 and " + MAX_DAYS + " days, got " + value);
        }
    }

    /** A new shop's settings: the seed's defaults, integration off until an AfterShip key is saved. */
    public static ShopSettings defaults(String shop) {
        return new ShopSettings(shop, true, false, null, ZoneOffset.UTC, WAIT_DAYS_AFTER_DELIVERY,
                WAIT_DAYS_AFTER_FULFILLMENT, MIN_DELAY_DOMESTIC_DAYS, MIN_DELAY_INTERNATIONAL_DAYS, true,
                FALLBACK_DAYS, TRACKING_RETRY_DELAY, POLL_INTERVAL, true, false, null, null);
    }

    /** The minimum delay after fulfillment for an order shipped to {@code destinationCountry}. */
    public Duration minimumDelay(String destinationCountry) {
        return Duration.ofDays(isDomestic(destinationCountry) ? minDelayDomesticDays : minDelayInternationalDays);
    }

    /** Unknown countries count as international: the longer wait never asks too early. */
    public boolean isDomestic(String destinationCountry) {
        return shopCountry != null && destinationCountry != null && shopCountry.equalsIgnoreCase(destinationCountry);
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Copy-and-change; {@link #build()} validates the result. */
    public static final class Builder {
        private String shop;
        private boolean requestsEnabled;
        private boolean aftershipEnabled;
        private String shopCountry;
        private ZoneId timeZone;
        private int waitDaysAfterDelivery;
        private int waitDaysAfterFulfillment;
        private int minDelayDomesticDays;
        private int minDelayInternationalDays;
        private boolean fallbackEnabled;
        private int fallbackDays;
        private Duration trackingRetryDelay;
        private Duration pollInterval;
        private boolean sendPhoneToAfterShip;
        private boolean sendBuyerEmailToAfterShip;
        private SendWindow sendWindow;
        private EmailTemplate emailTemplate;
        private String shopName;
        private String replyTo;
        private SplitShipmentTiming splitShipmentTiming;

        private Builder(ShopSettings s) {
            shop = s.shop;
            requestsEnabled = s.requestsEnabled;
            aftershipEnabled = s.aftershipEnabled;
            shopCountry = s.shopCountry;
            timeZone = s.timeZone;
            waitDaysAfterDelivery = s.waitDaysAfterDelivery;
            waitDaysAfterFulfillment = s.waitDaysAfterFulfillment;
            minDelayDomesticDays = s.minDelayDomesticDays;
            minDelayInternationalDays = s.minDelayInternationalDays;
            fallbackEnabled = s.fallbackEnabled;
            fallbackDays = s.fallbackDays;
            trackingRetryDelay = s.trackingRetryDelay;
            pollInterval = s.pollInterval;
            sendPhoneToAfterShip = s.sendPhoneToAfterShip;
            sendBuyerEmailToAfterShip = s.sendBuyerEmailToAfterShip;
            sendWindow = s.sendWindow;
            emailTemplate = s.emailTemplate;
            shopName = s.shopName;
            replyTo = s.replyTo;
            splitShipmentTiming = s.splitShipmentTiming;
        }

        public Builder requestsEnabled(boolean v) { requestsEnabled = v; return this; }
        public Builder aftershipEnabled(boolean v) { aftershipEnabled = v; return this; }
        public Builder shopCountry(String v) { shopCountry = v; return this; }
        public Builder timeZone(ZoneId v) { timeZone = v; return this; }
        public Builder waitDaysAfterDelivery(int v) { waitDaysAfterDelivery = v; return this; }
        public Builder waitDaysAfterFulfillment(int v) { waitDaysAfterFulfillment = v; return this; }
        public Builder minDelayDomesticDays(int v) { minDelayDomesticDays = v; return this; }
        public Builder minDelayInternationalDays(int v) { minDelayInternationalDays = v; return this; }
        public Builder fallbackEnabled(boolean v) { fallbackEnabled = v; return this; }
        public Builder fallbackDays(int v) { fallbackDays = v; return this; }
        public Builder trackingRetryDelay(Duration v) { trackingRetryDelay = v; return this; }
        public Builder pollInterval(Duration v) { pollInterval = v; return this; }
        public Builder sendPhoneToAfterShip(boolean v) { sendPhoneToAfterShip = v; return this; }
        public Builder sendBuyerEmailToAfterShip(boolean v) { sendBuyerEmailToAfterShip = v; return this; }
        public Builder sendWindow(SendWindow v) { sendWindow = v; return this; }
        public Builder emailTemplate(EmailTemplate v) { emailTemplate = v; return this; }
        public Builder shopName(String v) { shopName = v; return this; }
        public Builder replyTo(String v) { replyTo = v; return this; }
        public Builder splitShipmentTiming(SplitShipmentTiming v) { splitShipmentTiming = v; return this; }

        public ShopSettings build() {
            return new ShopSettings(shop, requestsEnabled, aftershipEnabled, shopCountry, timeZone,
                    waitDaysAfterDelivery, waitDaysAfterFulfillment, minDelayDomesticDays, minDelayInternationalDays,
                    fallbackEnabled, fallbackDays, trackingRetryDelay, pollInterval, sendPhoneToAfterShip,
                    sendBuyerEmailToAfterShip, sendWindow, emailTemplate, shopName, replyTo, splitShipmentTiming);
        }
    }
}
