package dev.doorstep.core.merchant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.doorstep.core.memory.InMemoryOrderStore;
import dev.doorstep.core.memory.InMemoryReviewRequestScheduler;
import dev.doorstep.core.memory.InMemoryShopStore;
import dev.doorstep.core.memory.InMemorySuppressionList;
import dev.doorstep.core.model.Customer;
import dev.doorstep.core.model.Fulfillment;
import dev.doorstep.core.model.IllegalStatusChangeException;
import dev.doorstep.core.model.LineItem;
import dev.doorstep.core.model.Order;
import dev.doorstep.core.model.OrderKey;
import dev.doorstep.core.model.OrderStatus;
import dev.doorstep.core.model.Shop;
import dev.doorstep.core.model.ShopSettings;
import dev.doorstep.core.sending.ReviewRequestComposer;
import dev.doorstep.core.sending.ReviewRequestEmail;
import dev.doorstep.core.sending.ReviewRequestSending;
import dev.doorstep.core.sending.SendOutcome;
import dev.doorstep.core.sending.UnsubscribeTokens;
import dev.doorstep.core.timing.SendDecision;
import dev.doorstep.core.timing.TimingReason;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MerchantChoicesTest {

    private static final String SHOP = "acme-tea.myshopify.com";
    private static final Instant FULFILLED = Instant.parse("2026-03-02T10:00:00Z");
    private static final Instant NOW = Instant.parse("2026-03-04T09:00:00Z");

    private final InMemoryOrderStore orders = new InMemoryOrderStore();
    private final InMemoryShopStore shops = new InMemoryShopStore();
    private final InMemoryReviewRequestScheduler scheduler = new InMemoryReviewRequestScheduler();
    private final List<ReviewRequestEmail> sent = new ArrayList<>();
    private final ReviewRequestSending sending = new ReviewRequestSending(orders, shops, new InMemorySuppressionList(),
            email -> {
                sent.add(email);
                return "msg-" + sent.size();
            },
            new ReviewRequestComposer(new UnsubscribeTokens("a test secret that is long enough to sign with"
                    .getBytes(StandardCharsets.UTF_8)), URI.create("https://api.example/unsubscribe"), null),
            ReviewRequestSending.DEFAULT_LEASE);
    private final MerchantChoices choices = new MerchantChoices(orders, shops, scheduler);

    MerchantChoicesTest() {
        shops.save(Shop.installed(ShopSettings.defaults(SHOP)));
    }

    private Order stored(String id, boolean scheduled) {
        Order order = Order.received(new OrderKey(SHOP, id), "#" + id, new Fulfillment("f-" + id, FULFILLED, "1Z9",
                "ups", "US"), new Customer("c", "Ana", "ana@example.com", null), List.of(new LineItem("p", "Tea")),
                FULFILLED);
        order = scheduled
                ? order.schedule(new SendDecision(FULFILLED.plusSeconds(864_000), TimingReason.FULFILLMENT_BASED,
                        FULFILLED, false, "10 days after fulfillment"), FULFILLED)
                : order.moveTo(OrderStatus.CREATING_TRACKING, "creating", FULFILLED)
                        .moveTo(OrderStatus.WAITING_FOR_DELIVERY, "tracking created", FULFILLED);
        orders.insert(order);
        return orders.find(order.key()).orElseThrow();
    }

    @Test
    void sendNowMovesTheOneScheduleToNowAndTheSenderSendsExactlyOnce() {
        Order order = stored("1001", true);

        Order moved = choices.sendNow(order.key(), NOW).orElseThrow();

        assertThat(moved.status()).isEqualTo(OrderStatus.SCHEDULED);
        assertThat(moved.sendAt()).isEqualTo(NOW);
        assertThat(moved.statusReason()).isEqualTo(MerchantChoices.SEND_NOW_REASON);
        assertThat(scheduler.schedules()).containsEntry(order.key(), NOW);
        // The schedule fires, and fires again (at-least-once): one email.
        assertThat(sending.send(order.key(), NOW).result()).isEqualTo(SendOutcome.Result.SENT);
        assertThat(sending.send(order.key(), NOW).result()).isEqualTo(SendOutcome.Result.ALREADY_SENT);
        assertThat(sent).hasSize(1);
        assertThatThrownBy(() -> choices.sendNow(order.key(), NOW)).isInstanceOf(IllegalStatusChangeException.class);
    }

    @Test
    void sendNowAlsoWorksForAnOrderStillWaitingForDelivery() {
        Order order = stored("1002", false);

        assertThat(choices.sendNow(order.key(), NOW).orElseThrow().status()).isEqualTo(OrderStatus.SCHEDULED);
        assertThat(sending.send(order.key(), NOW).result()).isEqualTo(SendOutcome.Result.SENT);
    }

    @Test
    void doNotSendStopsTheRequestAndRemovesItsSchedule() {
        Order scheduled = stored("1003", true);
        Order waiting = stored("1004", false);

        assertThat(choices.doNotSend(scheduled.key(), NOW).orElseThrow().status()).isEqualTo(OrderStatus.SKIPPED);
        assertThat(choices.doNotSend(waiting.key(), NOW).orElseThrow().status()).isEqualTo(OrderStatus.CANCELLED);

        assertThat(scheduler.cancels()).contains(scheduled.key(), waiting.key());
        assertThat(sending.send(scheduled.key(), NOW).result()).isEqualTo(SendOutcome.Result.NOT_PENDING);
        assertThat(sent).isEmpty();
    }

    @Test
    void anUnknownOrderIsEmpty() {
        assertThat(choices.sendNow(new OrderKey(SHOP, "nope"), NOW)).isEmpty();
        assertThat(choices.doNotSend(new OrderKey(SHOP, "nope"), NOW)).isEmpty();
    }
}
