package dev.doorstep.shopapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.doorstep.core.model.EmailTemplate;
import dev.doorstep.core.model.FieldErrors;
import dev.doorstep.core.model.InvalidSettingException;
import dev.doorstep.core.model.SendWindow;
import dev.doorstep.core.model.Shop;
import dev.doorstep.core.model.ShopSettings;
import dev.doorstep.core.model.SplitShipmentTiming;
import dev.doorstep.lambda.Json;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Shop settings as the API speaks them. A PUT body changes the fields it names and keeps the others;
 * {@code null} clears an optional one (shopCountry, sendWindow, emailTemplate, shopName, replyTo). Unknown fields are
 * refused, so a misspelt setting is never silently ignored. A body with several bad fields is refused
 * naming all of them.
 */
final class SettingsJson {

    static final String API_KEY = "aftershipApiKey";
    static final String WEBHOOK_SECRET = "aftershipWebhookSecret";
    private static final List<String> SETTINGS = List.of("requestsEnabled", "aftershipEnabled", "shopCountry",
            "timeZone", "waitDaysAfterDelivery", "waitDaysAfterFulfillment", "minDelayDomesticDays",
            "minDelayInternationalDays", "fallbackEnabled", "fallbackDays", "trackingRetryDelay", "pollInterval",
            "sendPhoneToAfterShip", "sendBuyerEmailToAfterShip", "sendWindow", "emailTemplate", "shopName", "replyTo",
            "splitShipmentTiming");
    private static final List<String> TEMPLATE_FIELDS = List.of("subject", "body", "reviewUrl");

    private SettingsJson() {
    }

    /**
     * {@code base} with the body's settings applied, validated by {@link ShopSettings} itself. Every bad
     * field goes to {@code errors}, not only the first; the settings are empty when they could not be built.
     * A field whose value cannot be read keeps its stored value, so the other fields' rules are still checked.
     */
    static Optional<ShopSettings> apply(ShopSettings base, ObjectNode body, FieldErrors errors) {
        ShopSettings.Builder next = base.toBuilder();
        for (Iterator<Map.Entry<String, JsonNode>> it = body.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            try {
                applyField(base, next, field.getKey(), field.getValue());
            } catch (BadRequestException e) {
                errors.add(e.field(), e.getMessage());
            } catch (InvalidSettingException e) {
                errors.addAll(e);
            }
        }
        try {
            return Optional.of(next.build());
        } catch (InvalidSettingException e) {
            errors.addAll(e);
            return Optional.empty();
        }
    }

    private static void applyField(ShopSettings base, ShopSettings.Builder next, String name, JsonNode v) {
        switch (name) {
            case "shop" -> {
                if (!v.isTextual() || !v.asText().equals(base.shop())) {
                    throw new BadRequestException("shop", "must be the shop in the path (" + base.shop() + ")");
                }
            }
            case API_KEY, WEBHOOK_SECRET -> { } // write-only secrets, handled by the endpoint
            case "requestsEnabled" -> next.requestsEnabled(bool(name, v));
            case "aftershipEnabled" -> next.aftershipEnabled(bool(name, v));
            case "shopCountry" -> next.shopCountry(optionalText(name, v));
            case "timeZone" -> next.timeZone(zone(name, v));
            case "waitDaysAfterDelivery" -> next.waitDaysAfterDelivery(days(name, v));
            case "waitDaysAfterFulfillment" -> next.waitDaysAfterFulfillment(days(name, v));
            case "minDelayDomesticDays" -> next.minDelayDomesticDays(days(name, v));
            case "minDelayInternationalDays" -> next.minDelayInternationalDays(days(name, v));
            case "fallbackEnabled" -> next.fallbackEnabled(bool(name, v));
            case "fallbackDays" -> next.fallbackDays(days(name, v));
            case "trackingRetryDelay" -> next.trackingRetryDelay(duration(name, v));
            case "pollInterval" -> next.pollInterval(duration(name, v));
            case "sendPhoneToAfterShip" -> next.sendPhoneToAfterShip(bool(name, v));
            case "sendBuyerEmailToAfterShip" -> next.sendBuyerEmailToAfterShip(bool(name, v));
            case "sendWindow" -> next.sendWindow(v.isNull() ? null : SendWindow.parse(text(name, v)));
            case "emailTemplate" -> next.emailTemplate(template(v));
            case "shopName" -> next.shopName(optionalText(name, v));
            case "replyTo" -> next.replyTo(optionalText(name, v));
            case "splitShipmentTiming" -> next.splitShipmentTiming(splitShipmentTiming(name, v));
            default -> throw new BadRequestException(name, "is not a shop setting; the settings are "
                    + String.join(", ", SETTINGS) + ", plus " + API_KEY + " and " + WEBHOOK_SECRET);
        }
    }

    /** Whether the body leaves the integration on: its own switch when readable, else the stored one. */
    static boolean aftershipEnabled(ShopSettings base, ObjectNode body) {
        JsonNode v = body.get("aftershipEnabled");
        return v != null && v.isBoolean() ? v.booleanValue() : base.aftershipEnabled();
    }

    /** The settings as GET shows them; the AfterShip key and webhook secret are never among them. */
    static ObjectNode view(Shop shop, boolean apiKeySaved) {
        ShopSettings s = shop.settings();
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.put("shop", s.shop());
        out.put("installed", shop.installed());
        out.put("requestsEnabled", s.requestsEnabled());
        out.put("aftershipEnabled", s.aftershipEnabled());
        out.put("aftershipApiKeySaved", apiKeySaved);
        out.put("shopCountry", s.shopCountry());
        // ZoneOffset.UTC's id is "Z"; the default reads as the documented "UTC".
        out.put("timeZone", s.timeZone().equals(ZoneOffset.UTC) ? "UTC" : s.timeZone().getId());
        out.put("waitDaysAfterDelivery", s.waitDaysAfterDelivery());
        out.put("waitDaysAfterFulfillment", s.waitDaysAfterFulfillment());
        out.put("minDelayDomesticDays", s.minDelayDomesticDays());
        out.put("minDelayInternationalDays", s.minDelayInternationalDays());
        out.put("fallbackEnabled", s.fallbackEnabled());
        out.put("fallbackDays", s.fallbackDays());
        out.put("trackingRetryDelay", s.trackingRetryDelay().toString());
        out.put("pollInterval", s.pollInterval().toString());
        out.put("sendPhoneToAfterShip", s.sendPhoneToAfterShip());
        out.put("sendBuyerEmailToAfterShip", s.sendBuyerEmailToAfterShip());
        out.put("sendWindow", s.sendWindow() == null ? null : s.sendWindow().toString());
        if (s.emailTemplate() == null) {
            out.putNull("emailTemplate");
        } else {
            out.putObject("emailTemplate").put("subject", s.emailTemplate().subject())
                    .put("body", s.emailTemplate().body()).put("reviewUrl", s.emailTemplate().reviewUrl());
        }
        out.put("shopName", s.shopName());
        out.put("replyTo", s.replyTo());
        out.put("splitShipmentTiming", s.splitShipmentTiming().name());
        out.set("shopify", ShopifyFactsJson.view(shop));
        return out;
    }

    /** A write-only secret field: absent gives null; present must be non-blank text, else null and an error. */
    static String secret(ObjectNode body, String name, FieldErrors errors) {
        JsonNode v = body.get(name);
        if (v == null || v.isNull()) {
            return null;
        }
        String value = v.isTextual() ? v.textValue().trim() : null;
        if (value == null || value.isEmpty()) {
            errors.add(name, value == null ? "must be a string" : "must not be blank");
            return null;
        }
        return value;
    }

    private static boolean bool(String name, JsonNode v) {
        if (!v.isBoolean()) {
            throw new BadRequestException(name, "must be true or false");
        }
        return v.booleanValue();
    }

    private static int days(String name, JsonNode v) {
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            throw new BadRequestException(name, "must be a whole number of days");
        }
        return v.intValue();
    }

    private static String text(String name, JsonNode v) {
        if (!v.isTextual()) {
            throw new BadRequestException(name, "must be a string");
        }
        return v.textValue();
    }

    private static String optionalText(String name, JsonNode v) {
        return v.isNull() ? null : text(name, v);
    }

    /** FIRST (the seed's rule: the initial fulfillment's parcel) or LAST (the last parcel's delivery). */
    private static SplitShipmentTiming splitShipmentTiming(String name, JsonNode v) {
        String value = text(name, v);
        for (SplitShipmentTiming timing : SplitShipmentTiming.values()) {
            if (timing.name().equals(value)) {
                return timing;
            }
        }
        throw new BadRequestException(name, "must be FIRST (the initial parcel, the default) or LAST (the last"
                + " parcel's delivery), got '" + value + "'");
    }

    private static ZoneId zone(String name, JsonNode v) {
        try {
            return ZoneId.of(text(name, v));
        } catch (DateTimeException e) {
            throw new BadRequestException(name, "must be an IANA time zone such as Europe/Berlin");
        }
    }

    private static Duration duration(String name, JsonNode v) {
        try {
            return Duration.parse(text(name, v));
        } catch (DateTimeParseException e) {
            throw new BadRequestException(name, "must be an ISO-8601 duration such as PT12H");
        }
    }

    private static EmailTemplate template(JsonNode v) {
        if (v.isNull()) {
            return null;
        }
        if (!v.isObject()) {
            throw new BadRequestException("emailTemplate", "must be an object with subject, body and reviewUrl");
        }
        for (Iterator<String> names = v.fieldNames(); names.hasNext(); ) {
            String n = names.next();
            if (!TEMPLATE_FIELDS.contains(n)) {
                throw new BadRequestException("emailTemplate." + n, "is not part of a template; use "
                        + String.join(", ", TEMPLATE_FIELDS));
            }
        }
        return new EmailTemplate(templateText(v, "subject"), templateText(v, "body"), templateText(v, "reviewUrl"));
    }

    private static String templateText(JsonNode template, String part) {
        JsonNode v = template.get(part);
        return v == null || v.isNull() ? null : text("emailTemplate." + part, v);
    }
}
