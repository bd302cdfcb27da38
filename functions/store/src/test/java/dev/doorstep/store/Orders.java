package dev.doorstep.store;

import dev.doorstep.core.model.Customer;
import dev.doorstep.core.model.Fulfillment;
import dev.doorstep.core.model.LineItem;
import dev.doorstep.core.model.Order;
import dev.doorstep.core.model.OrderKey;
import dev.doorstep.core.model.OrderStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Orders as the intake stores them, for store tests. */
final class Orders {

    static final Instant FULFILLED = Instant.parse("2026-03-11T15:04:12Z");

    private Orders() {
    }

    static Order received(String shop, String orderId, Instant receivedAt) {
        return Order.received(new OrderKey(shop, orderId), "#" + orderId,
                new Fulfillment("f-" + orderId, FULFILLED, "1234567890", "DHL Express", "DE"),
                new Customer("191167", "Erika Mustermann", "erika.muster@example.org", "+49 221 1234567"),
                List.of(new LineItem("8123456789012", "Trail Running Shoe"), new LineItem(null, "Gift wrap")),
                receivedAt);
    }

    /** Waiting on AfterShip with a 60-day fallback: it carries a FALLBACK entry. */
    static Order creatingTracking(String shop, String orderId) {
        return received(shop, orderId, FULFILLED.plusSeconds(60)).toBuilder()
                .fallbackDeadline(FULFILLED.plus(Duration.ofDays(60))).build()
                .moveTo(OrderStatus.CREATING_TRACKING, "creating an AfterShip tracking", FULFILLED.plusSeconds(60));
    }
}
