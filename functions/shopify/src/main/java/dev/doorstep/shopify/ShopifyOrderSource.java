package dev.doorstep.shopify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.doorstep.core.intake.FulfillmentFact;
import dev.doorstep.core.model.Customer;
import dev.doorstep.core.model.Fulfillment;
import dev.doorstep.core.model.LineItem;
import dev.doorstep.core.model.OrderKey;
import dev.doorstep.core.port.OrderSource;
import dev.doorstep.core.port.Page;
import dev.doorstep.core.shopify.ShopifyAccessTokens;
import dev.doorstep.lambda.Json;
import dev.doorstep.lambda.JsonLog;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.StreamSupport;

/**
 * A shop's fulfilled orders from Shopify's Admin GraphQL API, with the shop's stored offline token: the
 * {@code orders} connection searched for {@code fulfillment_status:shipped} updated since the window's start
 * (a fulfillment updates its order), 50 a page by cursor. Each order comes as its initial (earliest, not
 * cancelled) fulfillment, with the ids the webhooks use ({@code legacyResourceId}), so a backfilled order and
 * its webhook are the same order. Throttling is the client's ({@link ShopifyAdminClient}).
 */
public final class ShopifyOrderSource implements OrderSource {

    static final int PAGE_SIZE = 50;
    static final String ORDERS_QUERY = "query DoorstepBackfill($first: Int!, $after: String, $query: String!) { "
            + "orders(first: $first, after: $after, query: $query, sortKey: UPDATED_AT) { "
            + "pageInfo { hasNextPage endCursor } "
            + "nodes { legacyResourceId name email "
            + "customer { legacyResourceId firstName lastName email } "
            + "shippingAddress { countryCodeV2 } "
            + "fulfillments(first: 20) { legacyResourceId createdAt status trackingInfo(first: 1) { number company } } "
            + "lineItems(first: 50) { nodes { title product { legacyResourceId } } } } } }";
    /** As the webhook intake: these fulfillments never shipped. */
    private static final Set<String> NOT_SHIPPED = Set.of("CANCELLED", "ERROR", "FAILURE");
    private static final JsonLog LOG = JsonLog.of(ShopifyOrderSource.class);

    private final ShopifyAccessTokens tokens;
    private final ShopifyAdminClient admin;

    public ShopifyOrderSource(ShopifyAccessTokens tokens, ShopifyAdminClient admin) {
        this.tokens = tokens;
        this.admin = admin;
    }

    @Override
    public Page<FulfillmentFact> fulfilledSince(String shop, Instant since, String cursor) {
        Optional<String> token = tokens.find(shop);
        if (token.isEmpty()) {
            // Not installed (or uninstalled): Shopify cannot be asked, so there is nothing to take in.
            LOG.warn("no Shopify access token for the shop; nothing to backfill", Map.of("shop", shop));
            return new Page<>(List.of(), null);
        }
        ObjectNode variables = Json.MAPPER.createObjectNode().put("first", PAGE_SIZE)
                .put("query", "fulfillment_status:shipped AND updated_at:>='" + since + "'");
        if (cursor == null) {
            variables.putNull("after");
        } else {
            variables.put("after", cursor);
        }
        JsonNode orders = admin.query(shop, token.get(), ORDERS_QUERY, variables).path("orders");
        List<FulfillmentFact> facts = new ArrayList<>();
        for (JsonNode order : orders.path("nodes")) {
            fact(shop, order).ifPresent(facts::add);
        }
        JsonNode pageInfo = orders.path("pageInfo");
        String next = pageInfo.path("hasNextPage").asBoolean(false) ? pageInfo.path("endCursor").asText(null) : null;
        return new Page<>(facts, next);
    }

    static Optional<FulfillmentFact> fact(String shop, JsonNode order) {
        String orderId = text(order, "legacyResourceId");
        if (orderId == null) {
            return Optional.empty();
        }
        String country = text(order.path("shippingAddress"), "countryCodeV2");
        Optional<Fulfillment> initial = StreamSupport.stream(order.path("fulfillments").spliterator(), false)
                .filter(f -> !NOT_SHIPPED.contains(f.path("status").asText("")))
                .filter(f -> text(f, "createdAt") != null)
                .map(f -> {
                    JsonNode tracking = f.path("trackingInfo").path(0);
                    return new Fulfillment(text(f, "legacyResourceId"), Instant.parse(f.path("createdAt").asText()),
                            text(tracking, "number"), text(tracking, "company"), country);
                })
                .min(Comparator.comparing(Fulfillment::fulfilledAt));
        if (initial.isEmpty()) {
            return Optional.empty();
        }
        JsonNode c = order.path("customer");
        String first = text(c, "firstName");
        String last = text(c, "lastName");
        String name = first == null ? last : last == null ? first : first + " " + last;
        String email = text(c, "email") != null ? text(c, "email") : text(order, "email");
        List<LineItem> lineItems = new ArrayList<>();
        for (JsonNode li : order.path("lineItems").path("nodes")) {
            lineItems.add(new LineItem(text(li.path("product"), "legacyResourceId"), text(li, "title")));
        }
        return Optional.of(new FulfillmentFact(new OrderKey(shop, orderId), text(order, "name"), initial.get(),
                new Customer(text(c, "legacyResourceId"), name, email, null), lineItems));
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isValueNode() && !value.isNull() && !value.asText().isBlank() ? value.asText() : null;
    }
}
