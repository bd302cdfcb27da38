package dev.doorstep.core.sending;

import static org.assertj.core.api.Assertions.assertThat;

import dev.doorstep.core.memory.InMemoryShopStore;
import dev.doorstep.core.model.OrderKey;
import dev.doorstep.core.model.SendWindow;
import dev.doorstep.core.model.Shop;
import dev.doorstep.core.model.ShopSettings;
import dev.doorstep.core.port.ReviewRequestScheduler;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SendWindowSchedulerTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");
    private static final OrderKey KEY = new OrderKey("acme-tea.myshopify.com", "1001");

    private final List<Instant> scheduled = new ArrayList<>();
    private final InMemoryShopStore shops = new InMemoryShopStore();
    private final SendWindowScheduler scheduler = new SendWindowScheduler(new ReviewRequestScheduler() {
        @Override
        public void schedule(OrderKey order, Instant sendAt, ZoneId shopZone) {
            scheduled.add(sendAt);
        }

        @Override
        public void cancel(OrderKey order) {
        }
    }, shops, Clock.fixed(NOW, ZoneOffset.UTC));

    private void window(String hours) {
        shops.save(Shop.installed(ShopSettings.defaults(KEY.shop()).toBuilder().timeZone(BERLIN)
                .sendWindow(hours == null ? null : SendWindow.parse(hours)).build()));
    }

    @Test
    @DisplayName("a send time at night moves to the window's next opening in the shop's zone")
    void nightMovesToMorning() {
        window("09:00-20:00");
        scheduler.schedule(KEY, Instant.parse("2026-03-12T21:30:00Z"), BERLIN); // 22:30 Berlin
        assertThat(scheduled).containsExactly(Instant.parse("2026-03-13T08:00:00Z")); // 09:00 Berlin
    }

    @Test
    @DisplayName("a send time already past means now, and now moves into the window too")
    void pastMeansNowInsideTheWindow() {
        window("14:00-20:00");
        scheduler.schedule(KEY, Instant.parse("2026-03-01T10:00:00Z"), BERLIN);
        assertThat(scheduled).containsExactly(Instant.parse("2026-03-10T13:00:00Z")); // 14:00 Berlin today
    }

    @Test
    @DisplayName("without a window the time passes through unchanged")
    void noWindow() {
        window(null);
        Instant at = Instant.parse("2026-03-12T02:00:00Z");
        scheduler.schedule(KEY, at, BERLIN);
        assertThat(scheduled).containsExactly(at);
    }
}
