package dev.doorstep.webhook.aftership;

import static org.assertj.core.api.Assertions.assertThat;

import dev.doorstep.aftership.KmsApiKeyCipher;
import dev.doorstep.core.model.Customer;
import dev.doorstep.core.model.Fulfillment;
import dev.doorstep.core.model.Order;
import dev.doorstep.core.model.OrderKey;
import dev.doorstep.core.port.AfterShipCredentials;
import dev.doorstep.emulator.WithAwsEmulator;
import dev.doorstep.store.DoorstepTable;
import dev.doorstep.store.DynamoDbAfterShipCredentialStore;
import dev.doorstep.store.DynamoDbOrderStore;
import dev.doorstep.store.DynamoDbReceiptLog;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kms.KmsClient;

/** SnapStart priming runs at deployment time: reads only, whatever the table holds. */
@WithAwsEmulator
class WebhookPrimingTest {

    private final DynamoDbClient dynamo;
    private final String table = "priming-" + UUID.randomUUID();
    private final DynamoDbOrderStore orders;
    private final DynamoDbAfterShipCredentialStore credentials;
    private final KmsApiKeyCipher cipher;

    WebhookPrimingTest(DynamoDbClient dynamo, KmsClient kms) {
        this.dynamo = dynamo;
        DoorstepTable.create(dynamo, table);
        orders = new DynamoDbOrderStore(dynamo, table);
        credentials = new DynamoDbAfterShipCredentialStore(dynamo, table);
        cipher = new KmsApiKeyCipher(kms, kms.createKey(b -> b.description("priming")).keyMetadata().keyId());
    }

    @Test
    void primingAnEmptyTableReadsAndWritesNothing() {
        prime();

        assertThat(keys()).isEmpty();
    }

    @Test
    void primingWritesNothingEvenIfThePrimingShopExistedWithAWaitingOrder() {
        String shop = WebhookPriming.SHOP;
        credentials.save(shop, new AfterShipCredentials(cipher.encryptApiKey(shop, "key"),
                cipher.encryptWebhookSecret(shop, "secret")));
        Instant fulfilled = Instant.parse("2026-01-01T10:00:00Z");
        orders.insert(Order.received(new OrderKey(shop, "1"), "#1",
                        new Fulfillment("f1", fulfilled, "1ZPRIMING", "UPS", "US"),
                        new Customer("c1", "Priming", null, null), List.of(), fulfilled).toBuilder()
                .trackingId("priming").build());
        List<String> before = keys();

        prime();

        assertThat(keys()).isEqualTo(before);
        assertThat(orders.find(new OrderKey(shop, "1")).orElseThrow().version()).isEqualTo(1);
    }

    private void prime() {
        WebhookPriming.prime(new StoredWebhookSecrets(credentials, cipher), new DynamoDbReceiptLog(dynamo, table), orders);
    }

    private List<String> keys() {
        return dynamo.scan(b -> b.tableName(table).consistentRead(true)).items().stream()
                .map(i -> i.get("pk").s() + "|" + i.get("sk").s()).sorted().toList();
    }
}
