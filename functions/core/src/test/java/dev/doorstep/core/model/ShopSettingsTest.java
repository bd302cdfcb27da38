package dev.doorstep.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class ShopSettingsTest {

    @Test
    void defaultsAreTheSeeds() {
        ShopSettings s = ShopSettings.defaults("demo.myshopify.com");

        assertThat(s.minDelayDomesticDays()).isEqualTo(7);
        assertThat(s.minDelayInternationalDays()).isEqualTo(14);
        assertThat(s.fallbackEnabled()).isTrue();
        assertThat(s.fallbackDays()).isEqualTo(60);
        assertThat(s.trackingRetryDelay()).isEqualTo(Duration.ofHours(12));
        assertThat(s.pollInterval()).isEqualTo(Duration.ofHours(12));
        assertThat(s.sendPhoneToAfterShip()).isTrue();
        assertThat(s.sendBuyerEmailToAfterShip()).isFalse();
        assertThat(s.aftershipEnabled()).isFalse();
    }

    @Test
    void aBadValueNamesItsField() {
        ShopSettings s = ShopSettings.defaults("demo.myshopify.com");

        assertThatThrownBy(() -> s.toBuilder().minDelayDomesticDays(-1).build())
                .isInstanceOfSatisfying(InvalidSettingException.class,
                        e -> assertThat(e.field()).isEqualTo("minDelayDomesticDays"));
        assertThatThrownBy(() -> s.toBuilder().fallbackDays(10).build())
                .isInstanceOfSatisfying(InvalidSettingException.class,
                        e -> assertThat(e.field()).isEqualTo("fallbackDays"));
        assertThatThrownBy(() -> s.toBuilder().shopCountry("USA").build())
                .isInstanceOfSatisfying(InvalidSettingException.class,
                        e -> assertThat(e.field()).isEqualTo("shopCountry"));
        assertThatThrownBy(() -> SendWindow.parse("20:00-09:00"))
                .isInstanceOfSatisfying(InvalidSettingException.class,
                        e -> assertThat(e.field()).isEqualTo("sendWindow"));
    }

    @Test
    void everyBadFieldIsNamedAtOnceTheFirstAsTheField() {
        ShopSettings s = ShopSettings.defaults("demo.myshopify.com");

        assertThatThrownBy(() -> s.toBuilder().replyTo("not an address").minDelayDomesticDays(-1).shopCountry("USA")
                .pollInterval(Duration.ZERO).build())
                .isInstanceOfSatisfying(InvalidSettingException.class, e -> {
                    assertThat(e.errors()).extracting(FieldError::field)
                            .containsExactly("shopCountry", "minDelayDomesticDays", "pollInterval", "replyTo");
                    assertThat(e.field()).isEqualTo("shopCountry");
                    assertThat(e.reason()).isEqualTo("must be a two-letter ISO 3166-1 code, got 'USA'");
                });
    }

    @Test
    void aFieldThatBreaksTwoRulesIsNamedOnceWithTheFirst() {
        ShopSettings s = ShopSettings.defaults("demo.myshopify.com");

        assertThatThrownBy(() -> s.toBuilder().fallbackDays(-1).build())
                .isInstanceOfSatisfying(InvalidSettingException.class, e -> assertThat(e.errors())
                        .containsExactly(new FieldError("fallbackDays", "must be between 0 and 365 days, got -1")));
    }

    @Test
    void aMinimumDelayOutOfRangeIsNotAlsoBlamedOnTheFallback() {
        ShopSettings s = ShopSettings.defaults("demo.myshopify.com");

        assertThatThrownBy(() -> s.toBuilder().minDelayInternationalDays(400).build())
                .isInstanceOfSatisfying(InvalidSettingException.class, e -> assertThat(e.errors())
                        .extracting(FieldError::field).containsExactly("minDelayInternationalDays"));
    }

    @Test
    void aShortFallbackIsFineWhenFallbackIsOff() {
        ShopSettings s = ShopSettings.defaults("demo.myshopify.com").toBuilder()
                .fallbackEnabled(false).fallbackDays(1).build();

        assertThat(s.fallbackDays()).isEqualTo(1);
    }

    @Test
    void sendWindowMovesATimeIntoTheShopsHours() {
        SendWindow window = new SendWindow(LocalTime.of(9, 0), LocalTime.of(20, 0));
        ZoneId berlin = ZoneId.of("Europe/Berlin");

        // 04:30 Berlin (winter, UTC+1) -> 09:00 the same day
        assertThat(window.moveIntoWindow(Instant.parse("2026-01-10T03:30:00Z"), berlin))
                .isEqualTo(Instant.parse("2026-01-10T08:00:00Z"));
        // 21:15 Berlin -> 09:00 the next day
        assertThat(window.moveIntoWindow(Instant.parse("2026-01-10T20:15:00Z"), berlin))
                .isEqualTo(Instant.parse("2026-01-11T08:00:00Z"));
        // inside: unchanged
        assertThat(window.moveIntoWindow(Instant.parse("2026-01-10T12:00:00Z"), berlin))
                .isEqualTo(Instant.parse("2026-01-10T12:00:00Z"));
    }
}
