package dev.doorstep.reliability;

import static dev.doorstep.reliability.AfterShipDeliveries.ORDER_ID;
import static dev.doorstep.reliability.AfterShipDeliveries.SECRET;
import static dev.doorstep.reliability.AfterShipDeliveries.SHOP;
import static dev.doorstep.reliability.AfterShipDeliveries.TRACKING_ID;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.doorstep.aftership.KmsApiKeyCipher;
import dev.doorstep.core.delivery.DeliveryUpdates;
import dev.doorstep.core.model.Customer;
import dev.doorstep.core.model.Fulfillment;
import dev.doorstep.core.model.Order;
import dev.doorstep.core.model.OrderKey;
import dev.doorstep.core.model.OrderStatus;
import dev.doorstep.core.model.Shop;
import dev.doorstep.core.model.ShopSettings;
import dev.doorstep.core.planning.ReviewRequestPlanner;
import dev.doorstep.core.port.AfterShipCredentials;
import dev.doorstep.core.timing.TimingPolicy;
import dev.doorstep.store.DoorstepTable;
import dev.doorstep.store.DynamoDbAfterShipCredentialStore;
import dev.doorstep.store.DynamoDbOrderStore;
import dev.doorstep.store.DynamoDbReceiptLog;
import dev.doorstep.store.DynamoDbShopStore;
import dev.doorstep.webhook.aftership.AfterShipWebhookFunction;
import dev.doorstep.webhook.aftership.StoredWebhookSecrets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.kms.KmsClient;

/**
 * A fresh table on the emulator for AfterShipWebhookFunction, built with its public collaborator
 * constructor as the local runtime builds it: acme-tea with its webhook secret (KMS-encrypted) and
 * order 1001 waiting for delivery on the sample's tracking, so the sample event WOULD move it; a second
 * shop holding an order on the same tracking id (so only the shop checks keep them apart); a shop that
 * saved no webhook secret.
 */
final class AfterShipWebhookTable {

    static final Instant NOW = Instant.parse("2026-03-08T09:05:00Z");
    static final Instant FULFILLED = Instant.parse("2026-03-02T10:00:00Z");
    static final String OTHER_SHOP = "other-tea.myshopify.com";
    static final String OTHER_SECRET = "reliability-webhook-secret-other-tea";
    static final String NO_SECRET_SHOP = "no-secret-tea.myshopify.com";
    static final String BUYER = "tea-buyer@example.com";

    final DynamoDbClient dynamo;
    final String table = "doorstep-" + UUID.randomUUID();
    final DynamoDbOrderStore orders;
    final CountingScheduler scheduler = new CountingScheduler();
    final AfterShipWebhookFunction function;

    AfterShipWebhookTable(DynamoDbClient dynamo, KmsClient kms, Clock clock) {
        this.dynamo = dynamo;
        DoorstepTable.create(dynamo, table);
        orders = new DynamoDbOrderStore(dynamo, table);
        var shops = new DynamoDbShopStore(dynamo, table);
        var credentials = new DynamoDbAfterShipCredentialStore(dynamo, table);
        var cipher = new KmsApiKeyCipher(kms, kms.createKey(b -> b.description("AfterShip keys")).keyMetadata()
                .keyId());
        for (String shop : List.of(SHOP, OTHER_SHOP)) {
            shops.save(Shop.installed(ShopSettings.defaults(shop).toBuilder().shopCountry("US").aftershipEnabled(true)
                    .build()));
            credentials.save(shop, new AfterShipCredentials(cipher.encryptApiKey(shop, "reliability-key-" + shop),
                    cipher.encryptWebhookSecret(shop, shop.equals(SHOP) ? SECRET : OTHER_SECRET)));
            orders.insert(waiting(new OrderKey(shop, ORDER_ID)));
        }
        credentials.save(NO_SECRET_SHOP, new AfterShipCredentials(cipher.encryptApiKey(NO_SECRET_SHOP,
                "reliability-key-" + NO_SECRET_SHOP), null));
        var policy = new TimingPolicy();
        function = new AfterShipWebhookFunction(new StoredWebhookSecrets(credentials, cipher),
                new DynamoDbReceiptLog(dynamo, table, clock), orders, shops,
                new DeliveryUpdates(orders, shops, policy, new ReviewRequestPlanner(policy, orders, scheduler)), clock);
    }

    /** Order 1001 as tracking creation leaves it: waiting for delivery on the sample's tracking. */
    private static Order waiting(OrderKey key) {
        return Order.received(key, "#" + key.orderId(), new Fulfillment("f1", FULFILLED, "1Z999AA10123456784", "UPS",
                        "US"), new Customer("c1", "Tea Buyer", BUYER, null), List.of(), FULFILLED).toBuilder()
                .trackingId(TRACKING_ID).trackingAttempts(1).fallbackDeadline(FULFILLED.plus(Duration.ofDays(60)))
                .build()
                .moveTo(OrderStatus.CREATING_TRACKING, "trackable", FULFILLED)
                .moveTo(OrderStatus.WAITING_FOR_DELIVERY, "AfterShip tracking created", FULFILLED);
    }

    APIGatewayV2HTTPResponse send(APIGatewayV2HTTPEvent event) {
        return function.handleRequest(event, null);
    }

    Order order(String shop) {
        return orders.find(new OrderKey(shop, ORDER_ID)).orElseThrow();
    }

    /**
     * What changed from {@code baseline} to {@code now}, as "added/removed/changed pk|sk" (keys only:
     * the items hold customer data, which must not reach a report), receipts left out unless asked for,
     * and the shop's {@code lastAfterShipWebhookAt} always.
     */
    static List<String> changes(List<Map<String, AttributeValue>> baseline, List<Map<String, AttributeValue>> now,
            boolean withReceipts) {
        Map<String, Map<String, AttributeValue>> before = byKey(baseline, withReceipts);
        Map<String, Map<String, AttributeValue>> after = byKey(now, withReceipts);
        List<String> changes = new ArrayList<>();
        before.forEach((key, item) -> {
            if (!after.containsKey(key)) {
                changes.add("removed " + key);
            } else if (!after.get(key).equals(item)) {
                changes.add("changed " + key);
            }
        });
        after.keySet().stream().filter(key -> !before.containsKey(key)).forEach(key -> changes.add("added " + key));
        return changes;
    }

    private static Map<String, Map<String, AttributeValue>> byKey(List<Map<String, AttributeValue>> items,
            boolean withReceipts) {
        Map<String, Map<String, AttributeValue>> byKey = new TreeMap<>();
        for (Map<String, AttributeValue> item : items) {
            String pk = item.get(DoorstepTable.PK).s();
            if (withReceipts || !pk.startsWith("RECEIPT#")) {
                // When the shop's last AfterShip webhook arrived is bookkeeping too (it sets the poll's cadence).
                Map<String, AttributeValue> kept = new java.util.HashMap<>(item);
                kept.remove("lastAfterShipWebhookAt");
                byKey.put(pk + "|" + item.get(DoorstepTable.SK).s(), kept);
            }
        }
        return byKey;
    }

    static List<String> receiptKeys(List<Map<String, AttributeValue>> items) {
        return items.stream().map(i -> i.get(DoorstepTable.PK).s()).filter(pk -> pk.startsWith("RECEIPT#")).sorted()
                .toList();
    }

    /**
     * Puts the table back as {@code baseline} (from {@link #items()}) left it, given what it holds
     * {@code now}, and forgets the schedules: so that a case which wrongly wrote fails alone instead of
     * every case after it.
     */
    void restore(List<Map<String, AttributeValue>> baseline, List<Map<String, AttributeValue>> now) {
        for (Map<String, AttributeValue> item : now) {
            if (!baseline.contains(item)) {
                dynamo.deleteItem(b -> b.tableName(table).key(Map.of(DoorstepTable.PK, item.get(DoorstepTable.PK),
                        DoorstepTable.SK, item.get(DoorstepTable.SK))));
            }
        }
        for (Map<String, AttributeValue> item : baseline) {
            if (!now.contains(item)) {
                dynamo.putItem(b -> b.tableName(table).item(item));
            }
        }
        scheduler.calls.set(0);
        scheduler.schedules.clear();
    }

    List<Map<String, AttributeValue>> items() {
        return dynamo.scanPaginator(b -> b.tableName(table).consistentRead(true)).items().stream().toList();
    }
}
