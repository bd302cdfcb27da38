package dev.doorstep.webhook.shopify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.doorstep.core.model.Shop;
import dev.doorstep.core.model.ShopSettings;
import dev.doorstep.emulator.WithAwsEmulator;
import dev.doorstep.store.DynamoDbReceiptLog;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** SnapStart priming runs at deployment time: it must read, parse and verify, and never write or schedule. */
@WithAwsEmulator
class WebhookPrimingTest {

    private final WebhookHarness harness;

    WebhookPrimingTest(DynamoDbClient dynamo) {
        harness = new WebhookHarness(dynamo);
    }

    @Test
    void primingVerifiesItsOwnSignedDeliveryAndWritesNothing() {
        List<String> before = harness.itemKeys();

        prime();

        assertThat(harness.itemKeys()).isEqualTo(before);
        assertThat(harness.scheduler.schedules()).isEmpty();
    }

    @Test
    void primingStoresNoOrderEvenIfAShopOfThePrimingNameWereInstalled() {
        harness.shops.save(Shop.installed(ShopSettings.defaults(WebhookPriming.SHOP).toBuilder()
                .aftershipEnabled(true).shopCountry("US").build()));
        List<String> before = harness.itemKeys();

        prime();

        assertThat(harness.itemKeys()).isEqualTo(before);
        assertThat(harness.scheduler.schedules()).isEmpty();
    }

    @Test
    void thePrimingDeliveryIsAValidDeliveryForTheLiveSecretOnly() {
        var event = WebhookPriming.signedDelivery(Deliveries.SECRET);

        assertThat(WebhookRequest.verify(event, ShopifySecrets.of(Deliveries.SECRET, null)).shop())
                .isEqualTo(WebhookPriming.SHOP);
        assertThat(WebhookHarness.body(harness.send(WebhookPriming.signedDelivery("some-other-secret")))
                .path("status").asText()).isEqualTo("rejected");
    }

    private void prime() {
        WebhookPriming.prime(ShopifySecrets.of(Deliveries.SECRET, null),
                new DynamoDbReceiptLog(harness.dynamo, harness.table, harness.clock),
                WebhookIntake.onDynamoDb(harness.dynamo, harness.table, harness.scheduler, harness.clock));
    }
}
