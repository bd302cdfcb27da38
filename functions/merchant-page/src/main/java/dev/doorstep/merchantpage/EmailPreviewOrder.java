package dev.doorstep.merchantpage;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.doorstep.core.model.LineItem;
import dev.doorstep.core.model.Order;
import dev.doorstep.core.port.OrderStore;
import dev.doorstep.lambda.Json;
import java.util.stream.Collectors;

/**
 * {@code GET /admin/api/email-preview}: the shop's most recent order as the email template's placeholders
 * see it, so the page previews the email as a real buyer would get it while the merchant types. Only the
 * merchant's own session reads it, and it is never logged.
 */
public final class EmailPreviewOrder {

    private final OrderStore orders;

    public EmailPreviewOrder(OrderStore orders) {
        this.orders = orders;
    }

    ObjectNode latest(String shop) {
        ObjectNode out = Json.MAPPER.createObjectNode();
        orders.ordersOf(shop, null, 1).items().stream().findFirst().ifPresent(o -> fill(out, o));
        return out;
    }

    private static void fill(ObjectNode out, Order o) {
        out.put("orderNumber", o.orderNumber());
        String name = o.customer().name();
        // Greets by first name, as the email does.
        out.put("customerName", name == null || name.isBlank() ? "there" : name.trim().split("\\s+")[0]);
        out.put("products", o.lineItems().stream().map(LineItem::title).collect(Collectors.joining(", ")));
    }
}
