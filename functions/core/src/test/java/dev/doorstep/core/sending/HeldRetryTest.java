package dev.doorstep.core.sending;

import static dev.doorstep.core.sending.SendingFixtures.SHOP;
import static org.assertj.core.api.Assertions.assertThat;

import dev.doorstep.core.model.Order;
import dev.doorstep.core.model.OrderKey;
import dev.doorstep.core.model.OrderStatus;
import dev.doorstep.core.model.SendWindow;
import dev.doorstep.core.model.ShopSettings;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class HeldRetryTest {

    private static final Instant NOW = Instant.parse("2026-03-12T10:00:30.250Z");
    private static final ShopSettings ANY_TIME = ShopSettings.defaults(SHOP);

    @Test
    @DisplayName("the wait doubles with each hold in a row from 15 minutes and stops at 2 hours")
    void backoffDoublesUpToTheCap() {
        assertThat(HeldRetry.backoff(1)).isEqualTo(Duration.ofMinutes(15));
        assertThat(HeldRetry.backoff(2)).isEqualTo(Duration.ofMinutes(30));
        assertThat(HeldRetry.backoff(3)).isEqualTo(Duration.ofMinutes(60));
        assertThat(HeldRetry.backoff(4)).isEqualTo(Duration.ofHours(2));
        assertThat(HeldRetry.backoff(5)).isEqualTo(Duration.ofHours(2));
        assertThat(HeldRetry.backoff(1000)).isEqualTo(Duration.ofHours(2));
    }

    @Test
    @DisplayName("each order gets its own fixed share of a quarter of the wait, so a held queue does not come back at once")
    void retriesOfManyOrdersAreSpread() {
        Map<Instant, Integer> perSecond = new HashMap<>();
        for (int i = 0; i < 200; i++) {
            OrderKey key = new OrderKey(SHOP, String.valueOf(5_550_000 + i));
            Instant at = HeldRetry.at(key, 1, NOW, ANY_TIME);
            assertThat(at).isBetween(NOW.plus(Duration.ofMinutes(15)).minusSeconds(1),
                    NOW.plus(Duration.ofMinutes(15)).plus(Duration.ofSeconds(225)));
            assertThat(HeldRetry.at(key, 1, NOW, ANY_TIME)).as("the same order, the same time").isEqualTo(at);
            assertThat(at.getNano()).as("whole seconds, as the schedule keeps them").isZero();
            perSecond.merge(at, 1, Integer::sum);
        }
        assertThat(perSecond.values()).as("200 orders held in the same second come back over 225 seconds")
                .allMatch(n -> n <= 5);
        assertThat(Duration.between(Collections.min(perSecond.keySet()), Collections.max(perSecond.keySet())))
                .isGreaterThan(Duration.ofMinutes(3));
    }

    @Test
    @DisplayName("a retry that would fall outside the send window goes at its next opening, still spread")
    void retryKeepsTheSendWindow() {
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        ShopSettings windowed = ANY_TIME.toBuilder().timeZone(berlin).sendWindow(SendWindow.parse("09:00-20:00"))
                .build();
        Instant evening = Instant.parse("2026-03-12T18:50:00Z"); // 19:50 in Berlin; + 15 min is past 20:00
        OrderKey key = new OrderKey(SHOP, "1001");

        Instant at = HeldRetry.at(key, 1, evening, windowed);

        Instant opening = Instant.parse("2026-03-13T08:00:00Z");
        assertThat(at).isEqualTo(opening.plus(HeldRetry.spread(key, Duration.ofMinutes(15))));
    }

    @Test
    @DisplayName("holds are counted in a row from the order's history; any other move starts the count over")
    void holdsInARowAreCounted() {
        Order order = SendingFixtures.scheduledOrder("1001", "ana@example.com");
        assertThat(HeldRetry.holdNumber(claim(order))).isEqualTo(1);

        Order heldTwice = hold(claim(hold(claim(order))));
        assertThat(HeldRetry.holdNumber(claim(heldTwice))).isEqualTo(3);

        Order takenOver = claim(heldTwice).moveTo(OrderStatus.SCHEDULED,
                "the previous send attempt did not finish; trying again", NOW);
        assertThat(HeldRetry.holdNumber(claim(takenOver))).isEqualTo(1);
    }

    private static Order claim(Order order) {
        return order.moveTo(OrderStatus.SENDING, "sending the review request", NOW);
    }

    private static Order hold(Order claimed) {
        return claimed.moveTo(OrderStatus.SCHEDULED, ReviewRequestSending.HELD_PREFIX + "AccessDenied", NOW);
    }
}
