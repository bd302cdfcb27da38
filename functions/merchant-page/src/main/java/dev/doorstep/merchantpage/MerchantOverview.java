package dev.doorstep.merchantpage;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.doorstep.core.merchant.SendTimings;
import dev.doorstep.core.model.Order;
import dev.doorstep.core.model.Shop;
import dev.doorstep.core.port.OrderStore;
import dev.doorstep.core.port.Page;
import dev.doorstep.core.timing.TimingReason;
import dev.doorstep.lambda.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * {@code GET /admin/api/overview}: the last 30 days' emails as the page draws them (days from fulfillment
 * and from delivery to the email; orders per timing rule). Reads the shop's orders newest first, at most
 * {@value #MAX_ORDERS} of them, so a large shop's answer stays fast.
 */
public final class MerchantOverview {

    static final Duration PERIOD = Duration.ofDays(30);
    static final int MAX_ORDERS = 2000;
    private static final Map<TimingReason, String> RULE_LABELS = Map.of(
            TimingReason.DELIVERY_BASED, "After delivery",
            TimingReason.MINIMUM_DELAY_FLOOR, "Minimum delay",
            TimingReason.FULFILLMENT_BASED, "After fulfillment",
            TimingReason.FALLBACK, "Fallback");

    private final OrderStore orders;

    public MerchantOverview(OrderStore orders) {
        this.orders = orders;
    }

    ObjectNode lastThirtyDays(Shop shop, Instant now) {
        SendTimings timings = new SendTimings(now.minus(PERIOD), now);
        String cursor = null;
        int read = 0;
        do {
            Page<Order> page = orders.ordersOf(shop.domain(), cursor, 100);
            page.items().forEach(timings::add);
            read += page.items().size();
            cursor = page.nextCursor();
        } while (cursor != null && read < MAX_ORDERS);
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.put("days", PERIOD.toDays());
        out.put("emailsSent", timings.sent());
        out.put("complete", cursor == null);
        bars(out.putArray("daysFromFulfillment"), timings.daysFromFulfillment());
        bars(out.putArray("daysFromDelivery"), timings.daysFromDelivery());
        ArrayNode rules = out.putArray("byRule");
        timings.byRule().forEach((rule, count) -> rules.addObject().put("rule", rule.name())
                .put("label", RULE_LABELS.get(rule)).put("orders", count));
        return out;
    }

    private static void bars(ArrayNode into, Map<Long, Integer> counts) {
        counts.forEach((days, count) -> into.addObject().put("days", days).put("emails", count));
    }
}
