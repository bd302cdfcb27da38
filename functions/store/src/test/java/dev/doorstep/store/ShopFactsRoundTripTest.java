package dev.doorstep.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.doorstep.core.model.Shop;
import dev.doorstep.core.model.ShopFacts;
import dev.doorstep.core.model.ShopSettings;
import dev.doorstep.emulator.WithAwsEmulator;
import java.time.Instant;
import java.time.ZoneId;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

@WithAwsEmulator
class ShopFactsRoundTripTest {

    private final DynamoDbShopStore shops;

    ShopFactsRoundTripTest(DynamoDbClient dynamo) {
        String table = "shops-" + UUID.randomUUID();
        DoorstepTable.create(dynamo, table);
        shops = new DynamoDbShopStore(dynamo, table);
    }

    @Test
    void shopifyFactsAndTheMerchantsOverridesRoundTrip() {
        ShopFacts facts = new ShopFacts("Acme Tea Co.", "hello@acme.example", ZoneId.of("Europe/Berlin"), "DE",
                Instant.parse("2026-12-01T10:00:00Z"));
        Shop shop = new Shop(ShopSettings.defaults("acme.myshopify.com").toBuilder().shopName("Acme Teas")
                .replyTo("care@acme.example").build(), true, null, null, facts);

        shops.save(shop);

        assertThat(shops.find("acme.myshopify.com")).contains(shop);
    }

    @Test
    void aShopWithoutFactsReadsBackWithout() {
        Shop shop = Shop.installed(ShopSettings.defaults("plain.myshopify.com"));
        shops.save(shop);

        Shop read = shops.find("plain.myshopify.com").orElseThrow();
        assertThat(read.facts()).isNull();
        assertThat(read.displayName()).isEqualTo("plain");
    }
}
