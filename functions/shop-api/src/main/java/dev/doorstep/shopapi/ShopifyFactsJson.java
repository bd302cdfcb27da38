package dev.doorstep.shopapi;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.doorstep.core.model.Shop;
import dev.doorstep.core.model.ShopFacts;
import dev.doorstep.core.model.ShopSettings;
import dev.doorstep.core.shopify.SettingsFromFacts;
import dev.doorstep.lambda.Json;
import java.util.Locale;

/**
 * The settings answer's {@code shopify} part: what Shopify says about the shop, the values the emails and
 * schedules actually use, and for each whether it is Shopify's, the merchant's override, or a default.
 */
final class ShopifyFactsJson {

    private ShopifyFactsJson() {
    }

    static ObjectNode view(Shop shop) {
        ShopSettings s = shop.settings();
        ShopFacts f = shop.facts();
        ObjectNode out = Json.MAPPER.createObjectNode();
        ObjectNode facts = out.putObject("facts");
        if (f != null) {
            facts.put("name", f.name()).put("contactEmail", f.contactEmail())
                    .put("timeZone", f.timeZone() == null ? null : f.timeZone().getId())
                    .put("countryCode", f.countryCode()).put("readAt", f.readAt().toString());
        }
        ObjectNode effective = out.putObject("effective");
        effective.putObject("shopName").put("value", shop.displayName())
                .put("source", s.shopName() != null ? "override" : f != null && f.name() != null ? "shopify" : "default");
        effective.putObject("replyTo").put("value", shop.replyTo())
                .put("source", s.replyTo() != null ? "override" : shop.replyTo() != null ? "shopify" : "default");
        effective.putObject("shopCountry").put("value", s.shopCountry())
                .put("source", name(SettingsFromFacts.countrySource(s, f)));
        effective.putObject("timeZone").put("value", s.timeZone().getId())
                .put("source", name(SettingsFromFacts.timeZoneSource(s, f)));
        return out;
    }

    private static String name(SettingsFromFacts.Source source) {
        return source.name().toLowerCase(Locale.ROOT);
    }
}
