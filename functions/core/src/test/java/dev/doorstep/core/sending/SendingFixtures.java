package dev.doorstep.core.sending;

import dev.doorstep.core.model.Customer;
import dev.doorstep.core.model.Fulfillment;
import dev.doorstep.core.model.LineItem;
import dev.doorstep.core.model.Order;
import dev.doorstep.core.model.OrderKey;
import dev.doorstep.core.model.Shop;
import dev.doorstep.core.model.ShopSettings;
import dev.doorstep.core.timing.SendDecision;
import dev.doorstep.core.timing.TimingReason;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

final class SendingFixtures {

    static final String SHOP = "acme-tea.myshopify.com";
    static final Instant FULFILLED = Instant.parse("2026-03-02T10:00:00Z");
    static final Instant SEND_AT = Instant.parse("2026-03-12T10:00:00Z");
    static final byte[] SECRET = "a test secret that is long enough to sign with".getBytes(StandardCharsets.UTF_8);
    static final UnsubscribeTokens TOKENS = new UnsubscribeTokens(SECRET);
    static final ReviewRequestComposer COMPOSER = new ReviewRequestComposer(TOKENS,
            URI.create("https://api.doorstep.example/unsubscribe"), "unsubscribe@doorstep.example");

    private SendingFixtures() {
    }

    static Shop shop() {
        return Shop.installed(ShopSettings.defaults(SHOP));
    }

    static Order scheduledOrder(String orderId, String email) {
        Order received = Order.received(new OrderKey(SHOP, orderId), "#" + orderId,
                new Fulfillment("f-" + orderId, FULFILLED, "1Z999", "ups", "US"),
                new Customer("c-" + orderId, "Ana Lima", email, null),
                List.of(new LineItem("p1", "Green Tea"), new LineItem("p2", "Teapot")), FULFILLED);
        return received.schedule(new SendDecision(SEND_AT, TimingReason.DELIVERY_BASED, SEND_AT, false,
                "3 days after delivery"), FULFILLED);
    }
}
