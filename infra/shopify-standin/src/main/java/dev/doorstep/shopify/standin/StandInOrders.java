package dev.doorstep.shopify.standin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The stand-in's answer to {@code orders(first: $first, after: $after, query: $query)}: Shopify's search syntax
 * as far as a backfill uses it ({@code fulfillment_status:shipped}, {@code updated_at:>=T},
 * {@code created_at:>=T}, joined by AND), pages of {@code first} orders, the cursor an opaque position.
 */
final class StandInOrders {

    private static final Pattern UPDATED_SINCE = Pattern.compile("updated_at:>=?'?([0-9TZ:.+-]+)'?");
    private static final Pattern CREATED_SINCE = Pattern.compile("created_at:>=?'?([0-9TZ:.+-]+)'?");

    private StandInOrders() {
    }

    static void answer(ObjectNode answer, Collection<StandInOrder> all, JsonNode variables) {
        String search = variables.path("query").asText("");
        Instant updatedSince = since(UPDATED_SINCE, search);
        Instant createdSince = since(CREATED_SINCE, search);
        boolean shippedOnly = search.contains("fulfillment_status:shipped");
        List<StandInOrder> matching = all.stream()
                .filter(o -> !shippedOnly || o.shipped())
                .filter(o -> updatedSince == null || !o.updatedAt().isBefore(updatedSince))
                .filter(o -> createdSince == null || o.fulfillments().stream()
                        .anyMatch(f -> !f.createdAt().isBefore(createdSince)))
                .toList();
        int first = Math.max(1, Math.min(250, variables.path("first").asInt(50)));
        String after = variables.path("after").asText("");
        int from = after.startsWith("standin-cursor-") ? Integer.parseInt(after.substring(15)) : 0;
        int to = Math.min(matching.size(), from + first);

        ObjectNode connection = answer.putObject("data").putObject("orders");
        connection.putObject("pageInfo").put("hasNextPage", to < matching.size())
                .put("endCursor", to == from ? null : "standin-cursor-" + to);
        var nodes = connection.putArray("nodes");
        for (StandInOrder o : matching.subList(from, to)) {
            ObjectNode node = nodes.addObject().put("id", "gid://shopify/Order/" + o.id())
                    .put("legacyResourceId", o.id()).put("name", o.name()).put("email", o.email());
            if (o.customerId() == null) {
                node.putNull("customer");
            } else {
                node.putObject("customer").put("legacyResourceId", o.customerId()).put("firstName", o.firstName())
                        .put("lastName", o.lastName()).put("email", o.email());
            }
            if (o.countryCode() == null) {
                node.putNull("shippingAddress");
            } else {
                node.putObject("shippingAddress").put("countryCodeV2", o.countryCode());
            }
            var fulfillments = node.putArray("fulfillments");
            for (StandInFulfillment f : o.fulfillments()) {
                ObjectNode fn = fulfillments.addObject().put("legacyResourceId", f.id())
                        .put("createdAt", f.createdAt().toString()).put("status", f.status());
                var tracking = fn.putArray("trackingInfo");
                if (f.trackingNumber() != null || f.company() != null) {
                    tracking.addObject().put("number", f.trackingNumber()).put("company", f.company());
                }
            }
            var lineItems = node.putObject("lineItems").putArray("nodes");
            for (String productId : o.productIds()) {
                lineItems.addObject().put("title", "Product " + productId).putObject("product")
                        .put("legacyResourceId", productId);
            }
        }
    }

    private static Instant since(Pattern filter, String search) {
        Matcher m = filter.matcher(search);
        return m.find() ? Instant.parse(m.group(1)) : null;
    }
}
