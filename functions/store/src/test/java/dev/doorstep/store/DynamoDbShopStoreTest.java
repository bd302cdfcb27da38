package dev.doorstep.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.doorstep.core.model.EmailTemplate;
import dev.doorstep.core.model.SendWindow;
import dev.doorstep.core.model.Shop;
import dev.doorstep.core.model.ShopSettings;
import dev.doorstep.core.port.AfterShipCredentials;
import dev.doorstep.emulator.WithAwsEmulator;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

@WithAwsEmulator
class DynamoDbShopStoreTest {

    private final DynamoDbClient dynamo;
    private final String table = "shops-" + UUID.randomUUID();
    private final DynamoDbShopStore shops;
    private final DynamoDbAfterShipCredentialStore credentials;

    DynamoDbShopStoreTest(DynamoDbClient dynamo) {
        this.dynamo = dynamo;
        DoorstepTable.create(dynamo, table);
        shops = new DynamoDbShopStore(dynamo, table);
        credentials = new DynamoDbAfterShipCredentialStore(dynamo, table);
    }

    @Test
    void aShopWithEverySettingRoundTrips() {
        Shop shop = new Shop(ShopSettings.defaults("acme.myshopify.com").toBuilder().aftershipEnabled(true)
                .shopCountry("de").timeZone(ZoneId.of("Europe/Berlin")).waitDaysAfterDelivery(5)
                .fallbackEnabled(false).fallbackDays(30).trackingRetryDelay(Duration.ofHours(6))
                .sendWindow(SendWindow.parse("09:00-20:00"))
                .emailTemplate(new EmailTemplate("How was {products}?", null, "https://acme.example/review"))
                .build(), true, Instant.parse("2026-03-12T00:00:00Z"));

        shops.save(shop);

        assertThat(shops.find("acme.myshopify.com")).contains(shop);
        assertThat(shops.find("nobody.myshopify.com")).isEmpty();
    }

    @Test
    void onlyInstalledShopsWithAfterShipOnAreTracked() {
        ShopSettings on = ShopSettings.defaults("a.myshopify.com").toBuilder().aftershipEnabled(true).build();
        shops.save(Shop.installed(on));
        shops.save(Shop.installed(ShopSettings.defaults("b.myshopify.com")));
        shops.save(new Shop(on.toBuilder().build(), true, null));
        Shop c = Shop.installed(ShopSettings.defaults("c.myshopify.com").toBuilder().aftershipEnabled(true).build());
        shops.save(c);
        assertThat(shops.shopsWithDeliveryTracking()).containsExactlyInAnyOrder("a.myshopify.com", "c.myshopify.com");

        shops.save(new Shop(c.settings(), false, null)); // uninstalled
        assertThat(shops.shopsWithDeliveryTracking()).containsExactly("a.myshopify.com");
    }

    @Test
    void eraseRemovesEveryItemOfTheShopAndNothingElse() {
        String shop = "gone.myshopify.com";
        shops.save(Shop.installed(ShopSettings.defaults(shop)));
        shops.save(Shop.installed(ShopSettings.defaults("stays.myshopify.com")));
        credentials.save(shop, new AfterShipCredentials(new byte[] {1, 2}, new byte[] {3}));
        DynamoDbOrderStore orders = new DynamoDbOrderStore(dynamo, table);
        for (int i = 0; i < 30; i++) { // more than one batch of 25
            orders.insert(Orders.creatingTracking(shop, "10" + i));
        }
        orders.insert(Orders.creatingTracking("stays.myshopify.com", "1"));

        shops.erase(shop);

        var left = dynamo.query(b -> b.tableName(table).keyConditionExpression("pk = :pk")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("SHOP#" + shop)))).items();
        assertThat(left).isEmpty();
        assertThat(shops.find("stays.myshopify.com")).isPresent();
        assertThat(orders.ordersOf("stays.myshopify.com", null, 10).items()).hasSize(1);
    }

    @Test
    void credentialsAreOpaqueBytesThatRoundTrip() {
        var saved = new AfterShipCredentials(new byte[] {0, -1, 42}, null);
        credentials.save("a.myshopify.com", saved);
        assertThat(credentials.find("a.myshopify.com")).contains(saved);

        var rotated = new AfterShipCredentials(new byte[] {7}, new byte[] {8, 9});
        credentials.save("a.myshopify.com", rotated);
        assertThat(credentials.find("a.myshopify.com")).contains(rotated);

        credentials.delete("a.myshopify.com");
        assertThat(credentials.find("a.myshopify.com")).isEmpty();
    }

    @Test
    void anAfterShipWebhookArrivalIsRecordedOnlyForwardAndKeptBesideThePollCheckpoint() {
        String domain = "hooked.myshopify.com";
        shops.save(Shop.installed(ShopSettings.defaults(domain).toBuilder().aftershipEnabled(true).build()));
        Instant first = Instant.parse("2026-03-12T10:00:00.700Z");

        shops.recordAfterShipWebhook(domain, first);
        shops.recordAfterShipWebhook(domain, first.minus(Duration.ofHours(1)));
        shops.recordPoll(domain, first.plusSeconds(60));

        Shop read = shops.find(domain).orElseThrow();
        assertThat(read.lastAfterShipWebhookAt()).isEqualTo(Instant.parse("2026-03-12T10:00:00Z"));
        assertThat(read.lastPolledAt()).isEqualTo(Instant.parse("2026-03-12T10:01:00Z"));

        shops.erase(domain);
        shops.recordAfterShipWebhook(domain, first.plus(Duration.ofHours(1)));
        assertThat(shops.find(domain)).as("an erased shop is not brought back").isEmpty();
    }
}
