package dev.doorstep.core.planning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.doorstep.core.memory.InMemoryOrderStore;
import dev.doorstep.core.model.Customer;
import dev.doorstep.core.model.Fulfillment;
import dev.doorstep.core.model.Order;
import dev.doorstep.core.model.OrderKey;
import dev.doorstep.core.model.OrderStatus;
import dev.doorstep.core.model.SendWindow;
import dev.doorstep.core.model.ShopSettings;
import dev.doorstep.core.port.ReviewRequestScheduler;
import dev.doorstep.core.port.StaleOrderException;
import dev.doorstep.core.timing.TimingBasis;
import dev.doorstep.core.timing.TimingPolicy;
import dev.doorstep.core.timing.TimingReason;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReviewRequestPlannerTest {

    private static final Instant FULFILLED = Instant.parse("2026-03-02T10:00:00Z");
    private static final OrderKey KEY = new OrderKey("demo.myshopify.com", "1001");

    private final InMemoryOrderStore orders = new InMemoryOrderStore();
    private final List<String> schedules = new ArrayList<>();
    private final ReviewRequestScheduler scheduler = new ReviewRequestScheduler() {
        @Override
        public void schedule(OrderKey order, Instant sendAt, ZoneId zone) {
            schedules.add(order + "@" + sendAt + " " + zone);
        }

        @Override
        public void cancel(OrderKey order) {
            schedules.add("cancel " + order);
        }
    };
    private final ReviewRequestPlanner planner = new ReviewRequestPlanner(new TimingPolicy(), orders, scheduler);
    private final ShopSettings settings = ShopSettings.defaults(KEY.shop()).toBuilder().shopCountry("US")
            .aftershipEnabled(true).timeZone(ZoneId.of("America/New_York")).build();

    private Order waiting() {
        Order order = Order.received(KEY, "#1001", new Fulfillment("f1", FULFILLED, "1Z", "UPS", "US"),
                new Customer("c1", "Ada", "ada@example.com", null), List.of(), FULFILLED);
        orders.insert(order.moveTo(OrderStatus.CREATING_TRACKING, "trackable", FULFILLED)
                .moveTo(OrderStatus.WAITING_FOR_DELIVERY, "tracking created", FULFILLED));
        return orders.find(KEY).orElseThrow();
    }

    @Test
    void deliveredOrderIsStoredAsWillSendThenScheduledInTheShopsZone() {
        Instant delivered = FULFILLED.plus(Duration.ofDays(9));

        Order stored = planner.plan(waiting(), settings, TimingBasis.delivered(delivered), FULFILLED);

        Instant expected = delivered.plus(Duration.ofDays(3));
        assertThat(stored.status()).isEqualTo(OrderStatus.SCHEDULED);
        assertThat(stored.status().label()).isEqualTo("Will send");
        assertThat(stored.deliveredAt()).isEqualTo(delivered);
        assertThat(stored.sendAt()).isEqualTo(expected);
        assertThat(stored.sendReason()).isEqualTo(TimingReason.DELIVERY_BASED);
        assertThat(orders.find(KEY)).contains(stored);
        assertThat(schedules).containsExactly(KEY + "@" + expected + " America/New_York");
        assertThat(stored.dueAt()).contains(expected.plus(Order.SEND_GRACE));
    }

    @Test
    void theSendWindowMovesTheTimeAndSaysSo() {
        ShopSettings windowed = settings.toBuilder().sendWindow(SendWindow.parse("09:00-20:00")).build();
        Instant delivered = Instant.parse("2026-03-11T03:00:00Z"); // +3 days = 22:00 New York (EST)

        Order stored = planner.plan(waiting(), windowed, TimingBasis.delivered(delivered), FULFILLED);

        assertThat(stored.sendAt()).isEqualTo(Instant.parse("2026-03-14T13:00:00Z")); // 09:00 EDT next day
        assertThat(stored.statusReason()).contains("send window");
    }

    @Test
    void aStaleReadSchedulesNothing() {
        Order read = waiting();
        orders.update(read, read.toBuilder().trackingId("t-1").build());

        assertThatThrownBy(() -> planner.plan(read, settings, TimingBasis.fallbackReached(), FULFILLED))
                .isInstanceOf(StaleOrderException.class);
        assertThat(schedules).isEmpty();
    }
}
