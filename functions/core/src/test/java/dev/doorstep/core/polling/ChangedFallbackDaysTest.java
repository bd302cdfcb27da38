package dev.doorstep.core.polling;

import static dev.doorstep.core.polling.PollFixtures.FULFILLED;
import static org.assertj.core.api.Assertions.assertThat;

import dev.doorstep.core.model.Order;
import dev.doorstep.core.model.OrderKey;
import dev.doorstep.core.model.OrderStatus;
import dev.doorstep.core.model.Shop;
import dev.doorstep.core.model.ShopSettings;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * A merchant changes {@code fallbackDays} while an order waits: its wake-up still comes at the deadline it was
 * given, and the request is then planned by the new setting. The status page shows the later of the two
 * (ReviewRequestsEndpoint), so these are the times it must name.
 */
class ChangedFallbackDaysTest {

    private static final String SHOP = "acme-tea.myshopify.com";
    private static final Instant GIVEN = FULFILLED.plus(Duration.ofDays(60));

    private final PollFixtures f = new PollFixtures();
    private final OrderKey key = new OrderKey(SHOP, "5001");

    @Test
    void lengthenedTheRequestGoesAtTheNewLaterDeadline() {
        ShopSettings settings = f.trackedShop(SHOP);
        f.waiting(key);
        f.shops.save(Shop.installed(settings.toBuilder().fallbackDays(90).build()));

        assertThat(f.fallbacks.reached(key, GIVEN)).isTrue();

        Order planned = f.stored(key);
        assertThat(planned.status()).isEqualTo(OrderStatus.SCHEDULED);
        assertThat(planned.sendAt()).isEqualTo(FULFILLED.plus(Duration.ofDays(90)));
        assertThat(f.schedules.get(key)).isEqualTo(FULFILLED.plus(Duration.ofDays(90)));
    }

    @Test
    void shortenedTheRequestGoesAtTheOrdersOwnDeadline() {
        ShopSettings settings = f.trackedShop(SHOP);
        f.waiting(key);
        f.shops.save(Shop.installed(settings.toBuilder().fallbackDays(30).build()));

        assertThat(f.fallbacks.reached(key, GIVEN.minus(Duration.ofDays(10)))).as("not before its wake-up").isFalse();
        assertThat(f.fallbacks.reached(key, GIVEN)).isTrue();

        Instant sendAt = f.stored(key).sendAt();
        assertThat(sendAt).isBetween(GIVEN, GIVEN.plus(Duration.ofMinutes(1)));
    }
}
