package dev.doorstep.core.polling;

import static org.assertj.core.api.Assertions.assertThat;

import dev.doorstep.core.model.Shop;
import dev.doorstep.core.model.ShopSettings;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PollCadenceTest {

    private static final Instant NOW = Instant.parse("2026-03-12T12:00:00Z");
    private static final ShopSettings SETTINGS = ShopSettings.defaults("acme.myshopify.com").toBuilder()
            .aftershipEnabled(true).build();

    private static Shop shop(ShopSettings settings, Instant lastWebhook) {
        return new Shop(settings, true, null, lastWebhook);
    }

    @Test
    void withoutWebhooksAShopIsPolledAtItsOwnInterval() {
        assertThat(PollCadence.interval(shop(SETTINGS, null), NOW)).isEqualTo(SETTINGS.pollInterval());
        assertThat(PollCadence.webhooksWorking(shop(SETTINGS, null), NOW)).isFalse();
    }

    @Test
    void aWebhookWithinADayMakesThePollASixtyHourSafetyNet() {
        Shop recent = shop(SETTINGS, NOW.minus(Duration.ofHours(23)));

        assertThat(PollCadence.webhooksWorking(recent, NOW)).isTrue();
        assertThat(PollCadence.interval(recent, NOW)).isEqualTo(Duration.ofHours(60));
    }

    @Test
    void aWebhookOlderThanADayCountsForNothing() {
        Shop stale = shop(SETTINGS, NOW.minus(Duration.ofHours(24)).minusSeconds(1));

        assertThat(PollCadence.interval(stale, NOW)).isEqualTo(SETTINGS.pollInterval());
    }

    @Test
    void aShopsOwnLongerIntervalIsKept() {
        ShopSettings weekly = SETTINGS.toBuilder().pollInterval(Duration.ofDays(7)).build();

        assertThat(PollCadence.interval(shop(weekly, NOW), NOW)).isEqualTo(Duration.ofDays(7));
    }
}
