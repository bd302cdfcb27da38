package dev.doorstep.store;

import static dev.doorstep.store.Attributes.bool;
import static dev.doorstep.store.Attributes.duration;
import static dev.doorstep.store.Attributes.instant;
import static dev.doorstep.store.Attributes.map;
import static dev.doorstep.store.Attributes.number;
import static dev.doorstep.store.Attributes.put;
import static dev.doorstep.store.Attributes.string;

import dev.doorstep.core.model.EmailTemplate;
import dev.doorstep.core.model.SendWindow;
import dev.doorstep.core.model.SplitShipmentTiming;
import dev.doorstep.core.model.Shop;
import dev.doorstep.core.model.ShopFacts;
import dev.doorstep.core.model.ShopSettings;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Shop &lt;-&gt; SHOP item; the settings are top-level attributes named as in {@link ShopSettings}. */
public final class ShopItemMapper {

    public Map<String, AttributeValue> toItem(Shop shop) {
        ShopSettings s = shop.settings();
        Map<String, AttributeValue> item = new HashMap<>();
        put(item, DoorstepTable.PK, Keys.shopPk(shop.domain()));
        put(item, DoorstepTable.SK, "SHOP");
        put(item, DoorstepTable.TYPE, DoorstepTable.TYPE_SHOP);
        put(item, "shop", shop.domain());
        put(item, "installed", shop.installed());
        put(item, "lastPolledAt", shop.lastPolledAt());
        put(item, "lastAfterShipWebhookAt", shop.lastAfterShipWebhookAt());
        put(item, "requestsEnabled", s.requestsEnabled());
        put(item, "aftershipEnabled", s.aftershipEnabled());
        put(item, "shopCountry", s.shopCountry());
        put(item, "timeZone", s.timeZone().getId());
        put(item, "waitDaysAfterDelivery", s.waitDaysAfterDelivery());
        put(item, "waitDaysAfterFulfillment", s.waitDaysAfterFulfillment());
        put(item, "minDelayDomesticDays", s.minDelayDomesticDays());
        put(item, "minDelayInternationalDays", s.minDelayInternationalDays());
        put(item, "fallbackEnabled", s.fallbackEnabled());
        put(item, "fallbackDays", s.fallbackDays());
        put(item, "trackingRetryDelay", s.trackingRetryDelay().toString());
        put(item, "pollInterval", s.pollInterval().toString());
        put(item, "sendPhoneToAfterShip", s.sendPhoneToAfterShip());
        put(item, "sendBuyerEmailToAfterShip", s.sendBuyerEmailToAfterShip());
        put(item, "sendWindow", s.sendWindow() == null ? null : s.sendWindow().toString());
        put(item, "splitShipmentTiming", s.splitShipmentTiming().name());
        if (s.emailTemplate() != null) {
            Map<String, AttributeValue> t = new HashMap<>();
            put(t, "subject", s.emailTemplate().subject());
            put(t, "body", s.emailTemplate().body());
            put(t, "reviewUrl", s.emailTemplate().reviewUrl());
            item.put("emailTemplate", AttributeValue.fromM(t));
        }
        put(item, "shopName", s.shopName());
        put(item, "replyTo", s.replyTo());
        if (shop.facts() != null) {
            ShopFacts f = shop.facts();
            Map<String, AttributeValue> facts = new HashMap<>();
            put(facts, "name", f.name());
            put(facts, "contactEmail", f.contactEmail());
            put(facts, "timeZone", f.timeZone() == null ? null : f.timeZone().getId());
            put(facts, "countryCode", f.countryCode());
            put(facts, "readAt", f.readAt());
            item.put("shopifyFacts", AttributeValue.fromM(facts));
        }
        if (shop.installed() && s.aftershipEnabled()) {
            put(item, DoorstepTable.GSI1_PK, Keys.TRACKED_SHOPS);
            put(item, DoorstepTable.GSI1_SK, shop.domain());
        }
        return item;
    }

    public Shop fromItem(Map<String, AttributeValue> item) {
        String window = string(item, "sendWindow");
        Map<String, AttributeValue> t = map(item, "emailTemplate");
        ShopSettings settings = new ShopSettings(
                string(item, "shop"),
                bool(item, "requestsEnabled"),
                bool(item, "aftershipEnabled"),
                string(item, "shopCountry"),
                string(item, "timeZone") == null ? null : ZoneId.of(string(item, "timeZone")),
                (int) number(item, "waitDaysAfterDelivery", ShopSettings.WAIT_DAYS_AFTER_DELIVERY),
                (int) number(item, "waitDaysAfterFulfillment", ShopSettings.WAIT_DAYS_AFTER_FULFILLMENT),
                (int) number(item, "minDelayDomesticDays", ShopSettings.MIN_DELAY_DOMESTIC_DAYS),
                (int) number(item, "minDelayInternationalDays", ShopSettings.MIN_DELAY_INTERNATIONAL_DAYS),
                bool(item, "fallbackEnabled"),
                (int) number(item, "fallbackDays", ShopSettings.FALLBACK_DAYS),
                duration(item, "trackingRetryDelay"),
                duration(item, "pollInterval"),
                bool(item, "sendPhoneToAfterShip"),
                bool(item, "sendBuyerEmailToAfterShip"),
                window == null ? null : SendWindow.parse(window),
                t.isEmpty() ? null : new EmailTemplate(string(t, "subject"), string(t, "body"), string(t, "reviewUrl")),
                string(item, "shopName"),
                string(item, "replyTo"),
                string(item, "splitShipmentTiming") == null ? null
                        : SplitShipmentTiming.valueOf(string(item, "splitShipmentTiming")));
        Map<String, AttributeValue> f = map(item, "shopifyFacts");
        ShopFacts facts = f.isEmpty() ? null : new ShopFacts(string(f, "name"), string(f, "contactEmail"),
                ShopFacts.zone(string(f, "timeZone")), string(f, "countryCode"), instant(f, "readAt"));
        return new Shop(settings, bool(item, "installed"), instant(item, "lastPolledAt"),
                instant(item, "lastAfterShipWebhookAt"), facts);
    }
}
