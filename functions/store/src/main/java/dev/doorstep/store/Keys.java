package dev.doorstep.store;

import dev.doorstep.core.model.OrderKey;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The key shapes of docs/table.md, in one place. */
public final class Keys {

    public static final int DUE_SHARDS = 8;
    public static final String TRACKED_SHOPS = "TRACKED_SHOPS";
    public static final String SHOPIFY_ACCESS_TOKEN_SK = "SHOPIFY_TOKEN";

    /**
     * Fixed-width UTC with nanoseconds, so that strings sort exactly as instants do ({@code Instant.toString}
     * drops zero fractions, and "…:00Z" would sort after "…:00.5Z").
     */
    private static final DateTimeFormatter SORTABLE =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'").withZone(ZoneOffset.UTC);

    private Keys() {
    }

    public static String shopPk(String shop) {
        return "SHOP#" + shop;
    }

    public static String orderSk(String orderId) {
        return "ORDER#" + orderId;
    }

    public static String fallbackSk(String orderId) {
        return "FALLBACK#" + orderId;
    }

    /** An AfterShip tracking id is unique within the shop's AfterShip account. */
    public static String trackingSk(String trackingId) {
        return "TRACKING#" + trackingId;
    }

    public static String receiptPk(String source, String id) {
        return "RECEIPT#" + source + "#" + id;
    }

    public static Map<String, AttributeValue> order(OrderKey key) {
        return Map.of(DoorstepTable.PK, AttributeValue.fromS(shopPk(key.shop())),
                DoorstepTable.SK, AttributeValue.fromS(orderSk(key.orderId())));
    }

    /** The shop's Shopify offline access token (KMS ciphertext): one item under the shop. */
    public static Map<String, AttributeValue> shopifyAccessToken(String shop) {
        return Map.of(DoorstepTable.PK, AttributeValue.fromS(shopPk(shop)),
                DoorstepTable.SK, AttributeValue.fromS(SHOPIFY_ACCESS_TOKEN_SK));
    }

    public static Map<String, AttributeValue> fallback(OrderKey key) {
        return Map.of(DoorstepTable.PK, AttributeValue.fromS(shopPk(key.shop())),
                DoorstepTable.SK, AttributeValue.fromS(fallbackSk(key.orderId())));
    }

    /** Spreads due orders over {@value #DUE_SHARDS} partitions; String.hashCode is fixed by the Java spec. */
    /** The customer index's partition for a shop's customer. */
    public static String customer(String shop, String customerId) {
        return "CUSTOMER#" + shop + "#" + customerId;
    }

    public static String dueShard(OrderKey key) {
        return "DUE#" + Math.floorMod(key.toString().hashCode(), DUE_SHARDS);
    }

    public static String dueSortKey(Instant dueAt, OrderKey key) {
        return sortable(dueAt) + "#" + key.shop() + "#" + key.orderId();
    }

    /** The upper bound for "due at or before {@code now}": '~' sorts after every shop and order id character. */
    public static String dueBound(Instant now) {
        return sortable(now) + "#~";
    }

    public static String sortable(Instant at) {
        return SORTABLE.format(at);
    }
}
