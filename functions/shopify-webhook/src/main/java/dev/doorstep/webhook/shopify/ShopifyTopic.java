package dev.doorstep.webhook.shopify;

import java.util.Arrays;
import java.util.Optional;

/** The topics this function acts on; any other is answered 200 "ignored" so Shopify does not retry it. */
enum ShopifyTopic {
    FULFILLMENTS_CREATE("fulfillments/create", true),
    ORDERS_FULFILLED("orders/fulfilled", true),
    ORDERS_CANCELLED("orders/cancelled", true),
    REFUNDS_CREATE("refunds/create", true),
    APP_UNINSTALLED("app/uninstalled", false),
    SHOP_UPDATE("shop/update", false),
    CUSTOMERS_DATA_REQUEST("customers/data_request", false),
    CUSTOMERS_REDACT("customers/redact", false),
    SHOP_REDACT("shop/redact", false);

    private final String name;
    private final boolean needsInstalledShop;

    ShopifyTopic(String name, boolean needsInstalledShop) {
        this.name = name;
        this.needsInstalledShop = needsInstalledShop;
    }

    /**
     * Order topics need an installed shop (404 otherwise). Uninstall and the privacy topics are
     * answered 200 for a shop we do not know: there is nothing to stop or erase, and Shopify requires
     * a 2xx for compliance topics.
     */
    boolean needsInstalledShop() {
        return needsInstalledShop;
    }

    /**
     * Whether a delivery is remembered by a receipt. The fulfillment topics need none: the order is
     * their receipt (a conditional insert marked with the Shopify event, then idempotent fill-ins),
     * which saves a new order a read and a write.
     */
    boolean needsReceipt() {
        return this != FULFILLMENTS_CREATE && this != ORDERS_FULFILLED;
    }

    /** The order topics, checked for staleness against the order's last applied event ({@code ShopifyEventTime}). */
    boolean ordersByEventTime() {
        return needsInstalledShop;
    }

    String topicName() {
        return name;
    }

    static Optional<ShopifyTopic> of(String name) {
        // Exactly as Shopify spells it: anything else is not a topic we subscribed to.
        return Arrays.stream(values()).filter(t -> t.name.equals(name)).findFirst();
    }
}
