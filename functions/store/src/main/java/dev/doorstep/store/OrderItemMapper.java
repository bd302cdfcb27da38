package dev.doorstep.store;

import static dev.doorstep.store.Attributes.instant;
import static dev.doorstep.store.Attributes.map;
import static dev.doorstep.store.Attributes.number;
import static dev.doorstep.store.Attributes.put;
import static dev.doorstep.store.Attributes.string;

import dev.doorstep.core.model.Customer;
import dev.doorstep.core.model.Fulfillment;
import dev.doorstep.core.model.LineItem;
import dev.doorstep.core.model.Order;
import dev.doorstep.core.model.OrderKey;
import dev.doorstep.core.model.OrderStatus;
import dev.doorstep.core.model.Parcel;
import dev.doorstep.core.model.StatusChange;
import dev.doorstep.core.timing.TimingReason;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Order &lt;-&gt; ORDER item (docs/table.md). Public so that stream handlers map a NewImage/OldImage
 * with {@link #fromStreamImage}. The fulfillment, the customer, the line items and the history are
 * nested maps and lists; the status and the version are top-level because stream filters and
 * conditions use them.
 */
public final class OrderItemMapper {

    /** Every attribute this mapper writes apart from the keys; an update removes those it leaves out. */
    static final Set<String> ATTRIBUTES = Set.of(DoorstepTable.TYPE, DoorstepTable.STATUS, DoorstepTable.VERSION,
            DoorstepTable.GSI1_PK, DoorstepTable.GSI1_SK, DoorstepTable.EXPIRES_AT, DoorstepTable.GSI2_PK, DoorstepTable.GSI2_SK, "shop", "orderId", "orderNumber", "statusReason",
            "fulfillment", "customer", "lineItems", "history", "trackingId", "trackingAttempts", "trackingFailure",
            "trackingRetryAt", "fallbackDeadline", "deliveredAt", "sendAt", "sendReason", "leaseUntil", "messageId",
            "receivedAt", "parcels", "sendNotBefore");

    public Map<String, AttributeValue> toItem(Order order) {
        Map<String, AttributeValue> item = new HashMap<>(Keys.order(order.key()));
        put(item, DoorstepTable.TYPE, DoorstepTable.TYPE_ORDER);
        put(item, "shop", order.key().shop());
        put(item, "orderId", order.key().orderId());
        put(item, "orderNumber", order.orderNumber());
        put(item, DoorstepTable.STATUS, order.status().name());
        put(item, "statusReason", order.statusReason());
        put(item, DoorstepTable.VERSION, order.version());
        item.put("fulfillment", AttributeValue.fromM(fulfillment(order.fulfillment())));
        item.put("customer", AttributeValue.fromM(customer(order.customer())));
        item.put("lineItems", AttributeValue.fromL(order.lineItems().stream().map(OrderItemMapper::lineItem).toList()));
        item.put("history", AttributeValue.fromL(order.history().stream().map(OrderItemMapper::change).toList()));
        put(item, "trackingId", order.trackingId());
        put(item, "trackingAttempts", order.trackingAttempts());
        put(item, "trackingFailure", order.trackingFailure());
        put(item, "trackingRetryAt", order.trackingRetryAt());
        put(item, "fallbackDeadline", order.fallbackDeadline());
        put(item, "deliveredAt", order.deliveredAt());
        put(item, "sendAt", order.sendAt());
        put(item, "sendReason", order.sendReason() == null ? null : order.sendReason().name());
        put(item, "leaseUntil", order.leaseUntil());
        put(item, "messageId", order.messageId());
        put(item, "receivedAt", order.receivedAt());
        put(item, "sendNotBefore", order.sendNotBefore());
        if (!order.parcels().isEmpty()) { // only orders timed on their last parcel have any
            item.put("parcels", AttributeValue.fromL(order.parcels().stream().map(OrderItemMapper::parcel).toList()));
        }
        // TTL scrub: the order goes RETENTION_AFTER_LAST_STATUS after its last status change.
        Attributes.put(item, DoorstepTable.EXPIRES_AT, Attributes.epochSeconds(order.scrubAt()));
        if (order.customer().customerId() != null) {
            put(item, DoorstepTable.GSI2_PK, Keys.customer(order.key().shop(), order.customer().customerId()));
            put(item, DoorstepTable.GSI2_SK, order.key().orderId());
        }
        order.dueAt().ifPresent(due -> {
            put(item, DoorstepTable.GSI1_PK, Keys.dueShard(order.key()));
            put(item, DoorstepTable.GSI1_SK, Keys.dueSortKey(due, order.key()));
        });
        return item;
    }

    public Order fromItem(Map<String, AttributeValue> item) {
        Map<String, AttributeValue> f = map(item, "fulfillment");
        Map<String, AttributeValue> c = map(item, "customer");
        String sendReason = string(item, "sendReason");
        return new Order(
                new OrderKey(string(item, "shop"), string(item, "orderId")),
                string(item, "orderNumber"),
                new Fulfillment(string(f, "fulfillmentId"), instant(f, "fulfilledAt"), string(f, "trackingNumber"),
                        string(f, "carrier"), string(f, "destinationCountry")),
                new Customer(string(c, "customerId"), string(c, "name"), string(c, "email"), string(c, "phone")),
                list(item, "lineItems").stream().map(v -> new LineItem(string(v.m(), "productId"),
                        string(v.m(), "title"))).toList(),
                OrderStatus.valueOf(string(item, DoorstepTable.STATUS)),
                string(item, "statusReason"),
                list(item, "history").stream().map(v -> new StatusChange(OrderStatus.valueOf(string(v.m(), "from")),
                        OrderStatus.valueOf(string(v.m(), "to")), string(v.m(), "reason"), instant(v.m(), "at")))
                        .toList(),
                string(item, "trackingId"),
                (int) number(item, "trackingAttempts", 0),
                string(item, "trackingFailure"),
                instant(item, "trackingRetryAt"),
                instant(item, "fallbackDeadline"),
                instant(item, "deliveredAt"),
                instant(item, "sendAt"),
                sendReason == null ? null : TimingReason.valueOf(sendReason),
                instant(item, "leaseUntil"),
                string(item, "messageId"),
                instant(item, "receivedAt"),
                number(item, DoorstepTable.VERSION, 0),
                list(item, "parcels").stream().map(v -> parcel(v.m())).toList(),
                instant(item, "sendNotBefore"));
    }

    /** The same mapping for a DynamoDB stream image as the Lambda events library delivers it. */
    public Order fromStreamImage(
            Map<String, com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue> image) {
        return fromItem(StreamImages.toSdk(image));
    }

    private static Map<String, AttributeValue> fulfillment(Fulfillment f) {
        Map<String, AttributeValue> m = new HashMap<>();
        put(m, "fulfillmentId", f.fulfillmentId());
        put(m, "fulfilledAt", f.fulfilledAt());
        put(m, "trackingNumber", f.trackingNumber());
        put(m, "carrier", f.carrier());
        put(m, "destinationCountry", f.destinationCountry());
        return m;
    }

    private static AttributeValue parcel(Parcel p) {
        Map<String, AttributeValue> m = new HashMap<>();
        m.put("fulfillment", AttributeValue.fromM(fulfillment(p.fulfillment())));
        put(m, "trackingId", p.trackingId());
        put(m, "trackingFailure", p.trackingFailure());
        put(m, "deliveredAt", p.deliveredAt());
        return AttributeValue.fromM(m);
    }

    private static Parcel parcel(Map<String, AttributeValue> m) {
        Map<String, AttributeValue> f = map(m, "fulfillment");
        return new Parcel(new Fulfillment(string(f, "fulfillmentId"), instant(f, "fulfilledAt"),
                string(f, "trackingNumber"), string(f, "carrier"), string(f, "destinationCountry")),
                string(m, "trackingId"), string(m, "trackingFailure"), instant(m, "deliveredAt"));
    }

    private static Map<String, AttributeValue> customer(Customer c) {
        Map<String, AttributeValue> m = new HashMap<>();
        put(m, "customerId", c.customerId());
        put(m, "name", c.name());
        put(m, "email", c.email());
        put(m, "phone", c.defaultAddressPhone());
        return m;
    }

    private static AttributeValue lineItem(LineItem li) {
        Map<String, AttributeValue> m = new HashMap<>();
        put(m, "productId", li.productId());
        put(m, "title", li.title());
        return AttributeValue.fromM(m);
    }

    private static AttributeValue change(StatusChange c) {
        Map<String, AttributeValue> m = new HashMap<>();
        put(m, "from", c.from().name());
        put(m, "to", c.to().name());
        put(m, "reason", c.reason());
        put(m, "at", c.at());
        return AttributeValue.fromM(m);
    }

    private static List<AttributeValue> list(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        return v == null || !v.hasL() ? List.of() : v.l();
    }
}
