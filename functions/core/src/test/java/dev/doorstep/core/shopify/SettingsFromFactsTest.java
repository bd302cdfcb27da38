package dev.doorstep.core.shopify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.doorstep.core.model.ShopFacts;
import dev.doorstep.core.model.ShopSettings;
import dev.doorstep.core.shopify.SettingsFromFacts.Source;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SettingsFromFactsTest {

    static final Instant AT = Instant.parse("2026-12-01T00:00:00Z");
    static final ShopFacts BERLIN = new ShopFacts("Acme", "hi@acme.example", ZoneId.of("Europe/Berlin"), "de", AT);
    static final ShopFacts PARIS = new ShopFacts("Acme", "hi@acme.example", ZoneId.of("Europe/Paris"), "FR",
            AT.plusSeconds(60));

    @Test
    @DisplayName("a new shop takes Shopify's country and zone")
    void defaultsFollowShopify() {
        ShopSettings s = SettingsFromFacts.apply(ShopSettings.defaults("acme.myshopify.com"), null, BERLIN);

        assertThat(s.shopCountry()).isEqualTo("DE");
        assertThat(s.timeZone()).isEqualTo(ZoneId.of("Europe/Berlin"));
        assertThat(SettingsFromFacts.countrySource(s, BERLIN)).isEqualTo(Source.SHOPIFY);
        assertThat(SettingsFromFacts.timeZoneSource(s, BERLIN)).isEqualTo(Source.SHOPIFY);
    }

    @Test
    @DisplayName("values still equal to Shopify's follow its changes; the merchant's overrides stay")
    void overridesStay() {
        ShopSettings followed = SettingsFromFacts.apply(ShopSettings.defaults("acme.myshopify.com"), null, BERLIN);
        assertThat(SettingsFromFacts.apply(followed, BERLIN, PARIS).timeZone()).isEqualTo(ZoneId.of("Europe/Paris"));
        assertThat(SettingsFromFacts.apply(followed, BERLIN, PARIS).shopCountry()).isEqualTo("FR");

        ShopSettings overridden = followed.toBuilder().timeZone(ZoneId.of("Asia/Tokyo")).shopCountry("JP").build();
        ShopSettings after = SettingsFromFacts.apply(overridden, BERLIN, PARIS);
        assertThat(after.timeZone()).isEqualTo(ZoneId.of("Asia/Tokyo"));
        assertThat(after.shopCountry()).isEqualTo("JP");
        assertThat(SettingsFromFacts.timeZoneSource(after, PARIS)).isEqualTo(Source.OVERRIDE);
        assertThat(SettingsFromFacts.countrySource(after, PARIS)).isEqualTo(Source.OVERRIDE);
    }
}
