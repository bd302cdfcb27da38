package dev.doorstep.webhook.shopify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.doorstep.emulator.WithAwsEmulator;
import dev.doorstep.store.DynamoDbReceiptLog;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The deployed function keeps shops for a few seconds; an uninstall it handles itself applies at once. */
@WithAwsEmulator
class ShopCacheTest {

    private final WebhookHarness harness;
    private final ShopifyWebhookFunction cached;

    ShopCacheTest(DynamoDbClient dynamo) {
        harness = new WebhookHarness(dynamo);
        cached = new ShopifyWebhookFunction(ShopifySecrets.of(Deliveries.SECRET, null),
                WebhookIntake.onDynamoDb(dynamo, harness.table, harness.scheduler, harness.clock,
                        RecentShops.DEFAULT_MAX_AGE, null),
                new DynamoDbReceiptLog(dynamo, harness.table, harness.clock), harness.clock);
    }

    @Test
    void anUninstallHandledHereStopsOrdersAtOnceDespiteTheCache() {
        assertThat(cached.handleRequest(Deliveries.sample("fulfillments-create"), null).getStatusCode()).isEqualTo(200);
        assertThat(cached.handleRequest(Deliveries.sample("app-uninstalled"), null).getStatusCode()).isEqualTo(200);

        var afterUninstall = cached.handleRequest(Deliveries.sample("orders-fulfilled"), null);

        assertThat(afterUninstall.getStatusCode()).isEqualTo(404);
        assertThat(WebhookHarness.body(afterUninstall).path("reason").asText()).isEqualTo("shop not installed");
    }
}
