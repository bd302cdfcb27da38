package dev.doorstep.core.intake;

import dev.doorstep.core.model.Customer;
import dev.doorstep.core.model.Fulfillment;
import dev.doorstep.core.model.LineItem;
import dev.doorstep.core.model.OrderKey;
import java.util.List;
import java.util.Objects;

/**
 * What a fulfillment webhook ({@code fulfillments/create} or {@code orders/fulfilled}) tells us about
 * an order. Either topic may come first and either may lack something (no default-address phone on a
 * fulfillment, say); the intake merges them per order.
 *
 * @param fulfillment the initial fulfillment as far as this payload shows (its earliest)
 */
public record FulfillmentFact(OrderKey key, String orderNumber, Fulfillment fulfillment, Customer customer,
        List<LineItem> lineItems) {

    public FulfillmentFact {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(fulfillment, "fulfillment");
        customer = customer == null ? Customer.anonymous() : customer;
        lineItems = lineItems == null ? List.of() : List.copyOf(lineItems);
    }
}
