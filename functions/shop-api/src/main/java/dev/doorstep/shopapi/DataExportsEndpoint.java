package dev.doorstep.shopapi;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.doorstep.core.intake.CustomerDataExport;
import dev.doorstep.core.model.LineItem;
import dev.doorstep.core.model.Order;
import dev.doorstep.core.port.CustomerDataExports;
import dev.doorstep.lambda.Json;
import java.time.Instant;

/**
 * GET /shops/{shop}/data-exports: what Shopify's {@code customers/data_request} asked for, for the
 * merchant to hand to the customer (docs/security.md): per request, every order we hold for the
 * customer with the personal data in it. Kept 30 days. The only shop-API answer that carries the
 * customer's name, email and phone, behind the same IAM authorizer as the rest.
 */
final class DataExportsEndpoint {

    private final CustomerDataExports exports;

    DataExportsEndpoint(CustomerDataExports exports) {
        this.exports = exports;
    }

    ObjectNode list(String shop) {
        ObjectNode body = Json.MAPPER.createObjectNode().put("shop", shop);
        ArrayNode list = body.putArray("exports");
        for (CustomerDataExport export : exports.of(shop)) {
            ObjectNode e = list.addObject();
            put(e, "customerId", export.customerId());
            e.put("requestedAt", export.requestedAt().toString());
            e.put("availableUntil", export.requestedAt().plus(CustomerDataExport.KEPT_FOR).toString());
            ArrayNode orders = e.putArray("orders");
            export.orders().forEach(o -> orders.add(order(o)));
        }
        return body;
    }

    private static ObjectNode order(Order o) {
        ObjectNode json = Json.MAPPER.createObjectNode().put("orderId", o.key().orderId());
        put(json, "orderNumber", o.orderNumber());
        ObjectNode customer = json.putObject("customer");
        put(customer, "name", o.customer().name());
        put(customer, "email", o.customer().email());
        put(customer, "phone", o.customer().defaultAddressPhone());
        ArrayNode products = json.putArray("products");
        o.lineItems().stream().map(LineItem::title).forEach(products::add);
        ObjectNode fulfillment = json.putObject("fulfillment");
        put(fulfillment, "fulfilledAt", o.fulfillment().fulfilledAt());
        put(fulfillment, "trackingNumber", o.fulfillment().trackingNumber());
        put(fulfillment, "carrier", o.fulfillment().carrier());
        put(fulfillment, "destinationCountry", o.fulfillment().destinationCountry());
        json.put("status", o.status().label());
        put(json, "statusReason", o.statusReason());
        put(json, "deliveredAt", o.deliveredAt());
        put(json, "sendAt", o.sendAt());
        return json;
    }

    private static void put(ObjectNode json, String name, Object value) {
        if (value instanceof Instant at) {
            json.put(name, at.toString());
        } else if (value != null) {
            json.put(name, value.toString());
        }
    }
}
