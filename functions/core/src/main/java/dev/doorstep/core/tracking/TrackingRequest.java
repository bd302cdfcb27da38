package dev.doorstep.core.tracking;

import dev.doorstep.core.model.Fulfillment;
import dev.doorstep.core.model.Order;
import dev.doorstep.core.model.OrderKey;
import dev.doorstep.core.model.ShopSettings;
import java.time.Instant;
import java.util.Objects;

/**
 * What we tell AfterShip about one shipment. Built from the order and the shop's choices: the
 * default address's phone goes along only with {@code sendPhoneToAfterShip} (the seed sends it for
 * SMS), the buyer's email only with {@code sendBuyerEmailToAfterShip} (AfterShip then emails the buyer).
 * Personal data: never log it; {@link #toString()} leaves it out.
 *
 * @param carrier the carrier name as Shopify gave it (the adapter turns it into an AfterShip slug)
 * @param destinationCountry ISO 3166-1 alpha-2, or null when unknown
 */
public record TrackingRequest(OrderKey order, String orderNumber, String trackingNumber, String carrier,
        String destinationCountry, String customerName, String phone, String email, Instant fulfilledAt) {

    public TrackingRequest {
        Objects.requireNonNull(order, "order");
        Objects.requireNonNull(trackingNumber, "trackingNumber");
    }

    public static TrackingRequest forOrder(Order order, ShopSettings settings) {
        return forShipment(order, order.fulfillment(), settings);
    }

    /** One of the order's shipments: the initial fulfillment, or a later parcel of a split order. */
    public static TrackingRequest forShipment(Order order, Fulfillment fulfillment, ShopSettings settings) {
        var customer = order.customer();
        return new TrackingRequest(order.key(), order.orderNumber(), fulfillment.trackingNumber().trim(),
                fulfillment.carrier(), fulfillment.destinationCountry(), customer.name(),
                settings.sendPhoneToAfterShip() ? blankToNull(customer.defaultAddressPhone()) : null,
                settings.sendBuyerEmailToAfterShip() ? blankToNull(customer.email()) : null,
                fulfillment.fulfilledAt());
    }

    public String shop() {
        return order.shop();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    @Override
    public String toString() {
        return "TrackingRequest[order=" + order + ", carrier=" + carrier + ", personal data withheld]";
    }
}
