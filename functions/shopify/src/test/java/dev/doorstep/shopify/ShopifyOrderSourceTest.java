package dev.doorstep.shopify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.doorstep.core.intake.FulfillmentFact;
import dev.doorstep.core.memory.InMemoryShopifyAccessTokens;
import dev.doorstep.core.port.Page;
import dev.doorstep.shopify.standin.ShopifyStandIn;
import dev.doorstep.shopify.standin.StandInFulfillment;
import dev.doorstep.shopify.standin.StandInOrder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The backfill's order source against the Shopify stand-in's {@code orders} query, over the wire. */
class ShopifyOrderSourceTest {

    static final ShopifyStandIn SHOPIFY = ShopifyStandIn.start();
    static final String SHOP = "acme-tea.myshopify.com";
    static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");

    private final InMemoryShopifyAccessTokens tokens = new InMemoryShopifyAccessTokens();
    private final ShopifyAdminClient admin = new ShopifyAdminClient(new ShopifyConfig(SHOPIFY.clientId(),
            SHOPIFY.clientSecret(), SHOPIFY.adminBaseUrl(), ShopifyConfig.API_VERSION, Duration.ofSeconds(3), 2),
            Clock.systemUTC());
    private final ShopifyOrderSource source = new ShopifyOrderSource(tokens, admin);

    @AfterAll
    static void stop() {
        SHOPIFY.close();
    }

    @BeforeEach
    void reset() {
        SHOPIFY.reset();
    }

    @Test
    void readsEveryShippedOrderSinceTheStartAcrossPagesAsItsInitialFulfillment() {
        tokens.save(SHOP, admin.exchangeForOfflineToken(SHOP, SHOPIFY.sessionToken(SHOP)));
        for (int i = 1; i <= 120; i++) {
            Instant fulfilled = NOW.minus(Duration.ofDays(1)).plusSeconds(i);
            SHOPIFY.putOrder(SHOP, new StandInOrder(String.valueOf(1000 + i), "#" + (1000 + i), "c" + i + "@example.com",
                    "77" + i, "Ada", "Lovelace", "DE", fulfilled, List.of(
                            new StandInFulfillment("90" + i, fulfilled.plusSeconds(60), "SUCCESS", "1ZLATER" + i, "UPS"),
                            new StandInFulfillment("80" + i, fulfilled, "SUCCESS", "1ZFIRST" + i, "UPS")),
                    List.of("555")));
        }
        Instant old = NOW.minus(Duration.ofDays(40));
        SHOPIFY.putOrder(SHOP, new StandInOrder("999", "#999", "old@example.com", null, null, null, "DE", old,
                List.of(new StandInFulfillment("8999", old, "SUCCESS", "1ZOLD", "UPS")), List.of()));
        SHOPIFY.putOrder(SHOP, new StandInOrder("998", "#998", "open@example.com", null, null, null, "DE", NOW,
                List.of(), List.of()));

        List<FulfillmentFact> read = new ArrayList<>();
        int pages = 0;
        String cursor = null;
        do {
            Page<FulfillmentFact> page = source.fulfilledSince(SHOP, NOW.minus(Duration.ofDays(30)), cursor);
            read.addAll(page.items());
            cursor = page.nextCursor();
            pages++;
        } while (cursor != null);

        assertThat(pages).isEqualTo(3);
        assertThat(read).hasSize(120);
        FulfillmentFact first = read.stream().filter(f -> f.key().orderId().equals("1001")).findFirst().orElseThrow();
        assertThat(first.orderNumber()).isEqualTo("#1001");
        assertThat(first.fulfillment().fulfillmentId()).isEqualTo("801");
        assertThat(first.fulfillment().trackingNumber()).isEqualTo("1ZFIRST1");
        assertThat(first.fulfillment().carrier()).isEqualTo("UPS");
        assertThat(first.fulfillment().destinationCountry()).isEqualTo("DE");
        assertThat(first.customer().customerId()).isEqualTo("771");
        assertThat(first.customer().name()).isEqualTo("Ada Lovelace");
        assertThat(first.customer().email()).isEqualTo("c1@example.com");
        assertThat(first.lineItems()).extracting(l -> l.productId()).containsExactly("555");
    }

    @Test
    void aShopWithoutAStoredTokenHasNothingToTakeIn() {
        SHOPIFY.putOrder(SHOP, new StandInOrder("1", "#1", "a@example.com", null, null, null, "DE", NOW,
                List.of(new StandInFulfillment("2", NOW, "SUCCESS", "1Z", "UPS")), List.of()));

        Page<FulfillmentFact> page = source.fulfilledSince(SHOP, NOW.minus(Duration.ofDays(30)), null);

        assertThat(page.items()).isEmpty();
        assertThat(page.nextCursor()).isNull();
        assertThat(SHOPIFY.requests()).isEmpty();
    }
}
