package dev.doorstep.merchantpage;

import dev.doorstep.core.model.Customer;
import dev.doorstep.core.model.Fulfillment;
import dev.doorstep.core.model.LineItem;
import dev.doorstep.core.model.Order;
import dev.doorstep.core.model.OrderKey;
import dev.doorstep.core.port.OrderStore;
import java.time.Instant;
import java.util.List;

/**
 * The order the email preview is written for: the shop's most recent one, so the merchant sees the email as a
 * real buyer would get it, or {@linkplain #sample a made-up one} before the shop has any. Only read: the
 * order is never changed, and nothing of its customer is logged.
 */
public final class EmailPreviewOrder {

    /** The made-up order's id: not a Shopify order id (those are numbers), so it is never mistaken for one. */
    static final String SAMPLE_ID = "sample";

    private final OrderStore orders;

    public EmailPreviewOrder(OrderStore orders) {
        this.orders = orders;
    }

    Order latestOrSample(String shop) {
        return orders.ordersOf(shop, null, 1).items().stream().findFirst().orElseGet(() -> sample(shop));
    }

    /** A buyer of one product with no storefront page, so its preview asks Shopify for nothing. */
    static Order sample(String shop) {
        Instant fulfilled = Instant.EPOCH;
        return Order.received(new OrderKey(shop, SAMPLE_ID), "#1001",
                new Fulfillment("sample", fulfilled, null, null, null),
                new Customer(null, "Ada Lovelace", "ada@example.invalid", null),
                List.of(new LineItem(null, "Trail Running Shoe")), fulfilled);
    }

    static boolean isSample(Order order) {
        return SAMPLE_ID.equals(order.key().orderId());
    }
}
