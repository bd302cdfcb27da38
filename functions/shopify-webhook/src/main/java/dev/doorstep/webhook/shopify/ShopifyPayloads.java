package dev.doorstep.webhook.shopify;

import static dev.doorstep.webhook.shopify.PayloadReader.countryCode;
import static dev.doorstep.webhook.shopify.PayloadReader.id;
import static dev.doorstep.webhook.shopify.PayloadReader.ids;
import static dev.doorstep.webhook.shopify.PayloadReader.integer;
import static dev.doorstep.webhook.shopify.PayloadReader.object;
import static dev.doorstep.webhook.shopify.PayloadReader.objects;
import static dev.doorstep.webhook.shopify.PayloadReader.requiredId;
import static dev.doorstep.webhook.shopify.PayloadReader.text;
import static dev.doorstep.webhook.shopify.PayloadReader.texts;
import static dev.doorstep.webhook.shopify.PayloadReader.time;

import com.fasterxml.jackson.databind.JsonNode;
import dev.doorstep.core.intake.FulfillmentFact;
import dev.doorstep.core.intake.RefundFact;
import dev.doorstep.core.model.Customer;
import dev.doorstep.core.model.Fulfillment;
import dev.doorstep.core.model.LineItem;
import dev.doorstep.core.model.OrderKey;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Shopify payloads (reference/shopify.md §2-§4) to the facts the intake needs, and nothing more:
 * fulfilledAt, tracking number and company, destination country, the customer (name, email, the
 * default address's phone), line items.
 */
final class ShopifyPayloads {

    /** Fulfillments that never shipped do not start a review request. */
    private static final Set<String> NOT_SHIPPED = Set.of("cancelled", "error", "failure");

    private ShopifyPayloads() {
    }

    /** {@code fulfillments/create}; empty when the fulfillment did not ship (cancelled, error, failure). */
    static Optional<FulfillmentFact> fulfillment(String shop, JsonNode f) {
        String orderId = requiredId(f, "order_id");
        Optional<Fulfillment> fulfillment = fulfillmentOf(f, countryCode(object(f, "destination"), "country_code"));
        JsonNode destination = object(f, "destination");
        String number = text(f, "name");
        return fulfillment.map(initial -> new FulfillmentFact(new OrderKey(shop, orderId),
                number == null ? null : number.replaceFirst("\\.\\d+$", ""),
                initial,
                // No customer object here: the recipient's name, the buyer's email, no default-address phone.
                new Customer(null, text(destination, "name"), text(f, "email"), null),
                lineItems(f)));
    }

    /** {@code orders/fulfilled} and {@code orders/cancelled}: the earliest shipped fulfillment is the initial one. */
    static Optional<FulfillmentFact> order(String shop, JsonNode o) {
        OrderKey key = orderKey(shop, o);
        String destination = countryCode(object(o, "shipping_address"), "country_code");
        Optional<Fulfillment> initial = objects(o, "fulfillments").stream()
                .map(f -> fulfillmentOf(f, destination))
                .flatMap(Optional::stream)
                .min(Comparator.comparing(Fulfillment::fulfilledAt));
        return initial.map(f -> new FulfillmentFact(key, text(o, "name"), f, customer(o), lineItems(o)));
    }

    static OrderKey orderKey(String shop, JsonNode o) {
        return new OrderKey(shop, requiredId(o, "id"));
    }

    /** {@code refunds/create}: each refunded line with its product and whether it was refunded whole. */
    static RefundFact refund(String shop, JsonNode r) {
        OrderKey key = new OrderKey(shop, requiredId(r, "order_id"));
        List<RefundFact.RefundedLine> lines = objects(r, "refund_line_items").stream().map(rli -> {
            JsonNode lineItem = object(rli, "line_item");
            int refunded = integer(rli, "quantity", 0);
            return new RefundFact.RefundedLine(id(lineItem, "product_id"), refunded,
                    integer(lineItem, "quantity", refunded));
        }).toList();
        return new RefundFact(key, lines);
    }

    /**
     * The payload's own time of the news, signed with it: {@code updated_at}, else {@code cancelled_at},
     * else {@code created_at} (orders, fulfillments, refunds carry some of them); null when none.
     */
    static Instant eventTime(JsonNode payload) {
        for (String field : List.of("updated_at", "cancelled_at", "created_at")) {
            Instant at = time(payload, field);
            if (at != null) {
                return at;
            }
        }
        return null;
    }

    /** The privacy topics' {@code shop_domain}, which must be the signed header's shop. */
    static void requireSameShop(String shop, JsonNode payload) {
        String domain = text(payload, "shop_domain");
        if (domain != null && !domain.equalsIgnoreCase(shop)) {
            throw Rejected.badPayload("shop_domain does not match x-shopify-shop-domain");
        }
    }

    static String customerId(JsonNode payload) {
        return id(object(payload, "customer"), "id");
    }

    static List<String> orderIds(JsonNode payload, String field) {
        return ids(payload, field);
    }

    private static Optional<Fulfillment> fulfillmentOf(JsonNode f, String destinationCountry) {
        Instant createdAt = time(f, "created_at");
        if (createdAt == null) {
            throw Rejected.badPayload("created_at is required on a fulfillment");
        }
        String status = text(f, "status");
        if (status != null && NOT_SHIPPED.contains(status)) {
            return Optional.empty();
        }
        // Both read, so a wrong type in either is a 400 whichever one we end up using.
        String first = text(f, "tracking_number");
        List<String> all = texts(f, "tracking_numbers");
        String number = first != null ? first : all.stream().filter(s -> !s.isBlank()).findFirst().orElse(null);
        return Optional.of(new Fulfillment(id(f, "id"), createdAt, number, text(f, "tracking_company"),
                destinationCountry));
    }

    private static Customer customer(JsonNode o) {
        JsonNode c = object(o, "customer");
        String first = text(c, "first_name");
        String last = text(c, "last_name");
        String name = first == null ? last : last == null ? first : first + " " + last;
        String email = text(c, "email");
        if (email == null) {
            email = text(o, "email");
        }
        if (email == null) {
            email = text(o, "contact_email");
        }
        // The seed passes the phone of the customer's default address, not the shipping address.
        return new Customer(id(c, "id"), name, email, text(object(c, "default_address"), "phone"));
    }

    private static List<LineItem> lineItems(JsonNode node) {
        return objects(node, "line_items").stream()
                .map(li -> new LineItem(id(li, "product_id"), text(li, "title")))
                .toList();
    }
}
