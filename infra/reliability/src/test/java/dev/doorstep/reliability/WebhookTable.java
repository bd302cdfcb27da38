package dev.doorstep.reliability;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.doorstep.core.model.Shop;
import dev.doorstep.core.model.ShopSettings;
import dev.doorstep.core.port.ReviewRequestScheduler;
import dev.doorstep.lambda.Json;
import dev.doorstep.store.DoorstepTable;
import dev.doorstep.store.DynamoDbReceiptLog;
import dev.doorstep.store.DynamoDbShopStore;
import dev.doorstep.webhook.shopify.ShopifySecrets;
import dev.doorstep.webhook.shopify.ShopifyWebhookFunction;
import dev.doorstep.webhook.shopify.WebhookIntake;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * A fresh table on the emulator with one installed shop, and the ShopifyWebhookFunction on it, built
 * with its public collaborator constructor as the local runtime builds it.
 */
final class WebhookTable {

    final DynamoDbClient dynamo;
    final String table = "doorstep-" + UUID.randomUUID();
    final String streamArn;
    final ShopifyWebhookFunction function;

    WebhookTable(DynamoDbClient dynamo, ReviewRequestScheduler scheduler, Clock clock) {
        this(dynamo, dynamo, scheduler, clock);
    }

    /** @param functionDynamo the client the function uses (for example one that goes through a fault proxy) */
    WebhookTable(DynamoDbClient dynamo, DynamoDbClient functionDynamo, ReviewRequestScheduler scheduler, Clock clock) {
        this.dynamo = dynamo;
        streamArn = DoorstepTable.create(dynamo, table);
        new DynamoDbShopStore(dynamo, table).save(Shop.installed(ShopSettings.defaults(ShopifyDeliveries.SHOP)
                .toBuilder().aftershipEnabled(true).shopCountry("DE").build()));
        function = new ShopifyWebhookFunction(ShopifySecrets.of(ShopifyDeliveries.SECRET, null),
                WebhookIntake.onDynamoDb(functionDynamo, table, scheduler, clock),
                new DynamoDbReceiptLog(functionDynamo, table, clock), clock);
    }

    APIGatewayV2HTTPResponse send(APIGatewayV2HTTPEvent event) {
        return function.handleRequest(event, null);
    }

    /** Every item's key, sorted (a Scan is fine in a test; the product never scans). */
    List<String> itemKeys() {
        return dynamo.scan(b -> b.tableName(table).consistentRead(true)).items().stream()
                .map(i -> i.get("pk").s() + "|" + i.get("sk").s()).sorted().toList();
    }

    /** Every item, attribute for attribute, to compare before and after. */
    List<String> snapshot() {
        return dynamo.scan(b -> b.tableName(table).consistentRead(true)).items().stream()
                .map(i -> new java.util.TreeMap<>(i).toString()).sorted().toList();
    }

    static List<String> shopOnly() {
        return List.of("SHOP#" + ShopifyDeliveries.SHOP + "|SHOP");
    }

    static JsonNode json(APIGatewayV2HTTPResponse response) {
        try {
            return Json.MAPPER.readTree(response.getBody());
        } catch (IOException e) {
            throw new AssertionError("the answer is not JSON: " + response.getBody(), e);
        }
    }
}
