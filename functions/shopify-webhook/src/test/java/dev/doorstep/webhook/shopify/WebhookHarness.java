package dev.doorstep.webhook.shopify;

import dev.doorstep.core.memory.InMemoryReviewRequestScheduler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.doorstep.core.model.Order;
import dev.doorstep.core.model.OrderKey;
import dev.doorstep.core.model.Shop;
import dev.doorstep.core.model.ShopSettings;
import dev.doorstep.lambda.Json;
import dev.doorstep.store.DoorstepTable;
import dev.doorstep.store.DynamoDbOrderStore;
import dev.doorstep.store.DynamoDbReceiptLog;
import dev.doorstep.store.DynamoDbShopStore;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** A fresh table with the sample shop installed, and the handler on it. */
final class WebhookHarness {

    static final String SHOP = "acme-outdoor.myshopify.com";
    static final OrderKey ORDER = new OrderKey(SHOP, "5710293847561");
    static final Instant NOW = Instant.parse("2026-03-12T10:00:00Z");

    final DynamoDbClient dynamo;
    final String table = "doorstep-" + UUID.randomUUID();
    final InMemoryReviewRequestScheduler scheduler = new InMemoryReviewRequestScheduler();
    final DynamoDbShopStore shops;
    final DynamoDbOrderStore orders;
    final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    final ShopifyWebhookFunction function;

    WebhookHarness(DynamoDbClient dynamo, ShopifySecrets secrets) {
        this.dynamo = dynamo;
        DoorstepTable.create(dynamo, table);
        shops = new DynamoDbShopStore(dynamo, table);
        orders = new DynamoDbOrderStore(dynamo, table);
        shops.save(Shop.installed(ShopSettings.defaults(SHOP).toBuilder().aftershipEnabled(true).shopCountry("DE")
                .build()));
        function = new ShopifyWebhookFunction(secrets, WebhookIntake.onDynamoDb(dynamo, table, scheduler, clock),
                new DynamoDbReceiptLog(dynamo, table, clock), clock);
    }

    WebhookHarness(DynamoDbClient dynamo) {
        this(dynamo, ShopifySecrets.of(Deliveries.SECRET, null));
    }

    APIGatewayV2HTTPResponse send(APIGatewayV2HTTPEvent event) {
        return function.handleRequest(event, null);
    }

    APIGatewayV2HTTPResponse send(String sample) {
        return send(Deliveries.sample(sample));
    }

    static JsonNode body(APIGatewayV2HTTPResponse response) {
        try {
            return Json.MAPPER.readTree(response.getBody());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    Order order() {
        return orders.find(ORDER).orElseThrow();
    }

    /** Every item in the table (a Scan is fine in a test; the product never scans). */
    List<Map<String, AttributeValue>> items() {
        return dynamo.scan(b -> b.tableName(table).consistentRead(true)).items();
    }

    List<String> itemKeys() {
        return items().stream().map(i -> i.get("pk").s() + "|" + i.get("sk").s()).sorted().toList();
    }

    /** What a fresh table holds before any webhook: the installed shop only. */
    static List<String> shopOnly() {
        return List.of("SHOP#" + SHOP + "|SHOP");
    }
}
