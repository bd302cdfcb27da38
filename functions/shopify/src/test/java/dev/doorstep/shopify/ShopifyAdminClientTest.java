package dev.doorstep.shopify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.doorstep.core.model.ShopFacts;
import dev.doorstep.core.shopify.ShopifyRefusedException;
import dev.doorstep.core.shopify.ShopifyUnavailableException;
import dev.doorstep.shopify.standin.ShopifyStandIn;
import dev.doorstep.shopify.standin.StandInProduct;
import dev.doorstep.shopify.standin.StandInShop;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The HTTP client against the Shopify stand-in, over the wire. */
class ShopifyAdminClientTest {

    static final ShopifyStandIn SHOPIFY = ShopifyStandIn.start();
    static final String SHOP = "acme-tea.myshopify.com";

    private final ShopifyAdminClient client = new ShopifyAdminClient(new ShopifyConfig(SHOPIFY.clientId(),
            SHOPIFY.clientSecret(), SHOPIFY.adminBaseUrl(), ShopifyConfig.API_VERSION, Duration.ofSeconds(3), 2),
            Clock.systemUTC());

    @AfterAll
    static void stop() {
        SHOPIFY.close();
    }

    @BeforeEach
    void reset() {
        SHOPIFY.reset();
        SHOPIFY.putShop(new StandInShop(SHOP, "Acme Tea Co.", "owner@acme.example", "hello@acme.example",
                "Europe/Berlin", "DE"));
    }

    @Test
    @DisplayName("a session token is exchanged for an offline token, which reads the shop's facts")
    void exchangeThenFacts() {
        String token = client.exchangeForOfflineToken(SHOP, SHOPIFY.sessionToken(SHOP));
        ShopFacts facts = client.shopFacts(SHOP, token);

        assertThat(token).startsWith("shpat_");
        assertThat(facts.name()).isEqualTo("Acme Tea Co.");
        assertThat(facts.contactEmail()).isEqualTo("hello@acme.example");
        assertThat(facts.timeZone()).isEqualTo(ZoneId.of("Europe/Berlin"));
        assertThat(facts.countryCode()).isEqualTo("DE");
        assertThat(SHOPIFY.requests()).containsExactly("POST /" + SHOP + "/admin/oauth/access_token",
                "POST /" + SHOP + "/admin/api/" + ShopifyConfig.API_VERSION + "/graphql.json");
    }

    @Test
    @DisplayName("a session token for another shop, or a revoked app, is refused by Shopify")
    void refusedExchange() {
        assertThatThrownBy(() -> client.exchangeForOfflineToken(SHOP, SHOPIFY.sessionToken("other.myshopify.com")))
                .isInstanceOf(ShopifyRefusedException.class).hasMessageContaining("invalid_subject_token");
        SHOPIFY.refuseExchanges(true);
        assertThatThrownBy(() -> client.exchangeForOfflineToken(SHOP, SHOPIFY.sessionToken(SHOP)))
                .isInstanceOf(ShopifyRefusedException.class);
    }

    @Test
    @DisplayName("the wrong client secret is invalid_client")
    void wrongClient() {
        ShopifyAdminClient wrong = new ShopifyAdminClient(new ShopifyConfig(SHOPIFY.clientId(), "not-the-secret",
                SHOPIFY.adminBaseUrl(), null, null, 1), Clock.systemUTC());
        assertThatThrownBy(() -> wrong.exchangeForOfflineToken(SHOP, SHOPIFY.sessionToken(SHOP)))
                .isInstanceOf(ShopifyRefusedException.class).hasMessageContaining("401");
    }

    @Test
    @DisplayName("THROTTLED is waited out using extensions.cost and retried")
    void throttledThenAnswered() {
        String token = client.exchangeForOfflineToken(SHOP, SHOPIFY.sessionToken(SHOP));
        SHOPIFY.throttleNext(2);

        assertThat(client.shopFacts(SHOP, token).name()).isEqualTo("Acme Tea Co.");
        assertThat(SHOPIFY.requests()).filteredOn(r -> r.endsWith("graphql.json")).hasSize(3);
    }

    @Test
    @DisplayName("still THROTTLED after the retries: unavailable, not refused")
    void throttledTooLong() {
        String token = client.exchangeForOfflineToken(SHOP, SHOPIFY.sessionToken(SHOP));
        SHOPIFY.throttleNext(5);

        assertThatThrownBy(() -> client.shopFacts(SHOP, token)).isInstanceOf(ShopifyUnavailableException.class)
                .hasMessageContaining("throttled");
    }

    @Test
    @DisplayName("the wait is (requested - available) / restoreRate, capped")
    void throttleWait() throws Exception {
        var cost = dev.doorstep.lambda.Json.MAPPER.readTree("""
                {"requestedQueryCost": 101, "throttleStatus": {"currentlyAvailable": 1, "restoreRate": 100}}""");
        assertThat(ShopifyAdminClient.throttleWait(cost)).isEqualTo(Duration.ofSeconds(1));
        var empty = dev.doorstep.lambda.Json.MAPPER.readTree("""
                {"requestedQueryCost": 1000, "throttleStatus": {"currentlyAvailable": 0, "restoreRate": 50}}""");
        assertThat(ShopifyAdminClient.throttleWait(empty)).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    @DisplayName("an unknown access token gets Shopify's 401: refused")
    void unknownAccessToken() {
        assertThatThrownBy(() -> client.shopFacts(SHOP, "shpat_forged"))
                .isInstanceOf(ShopifyRefusedException.class).hasMessageContaining("401");
    }

    @Test
    @DisplayName("Shopify unreachable: unavailable")
    void unreachable() {
        ShopifyAdminClient nowhere = new ShopifyAdminClient(new ShopifyConfig("id", "secret",
                "http://127.0.0.1:1/{shop}", null, Duration.ofMillis(500), 1), Clock.systemUTC());
        assertThatThrownBy(() -> nowhere.exchangeForOfflineToken(SHOP, "x.y.z"))
                .isInstanceOf(ShopifyUnavailableException.class);
    }

    @Test
    @DisplayName("product pages by id: onlineStoreUrl when published, else /products/<handle>; unknown ids left out")
    void productPages() {
        SHOPIFY.putProduct(SHOP, new StandInProduct("111", "green-tea", "https://acme-tea.example/products/green-tea",
                "https://cdn.shopify.com/s/files/green-tea.png"));
        SHOPIFY.putProduct(SHOP, new StandInProduct("222", "teapot", null, null));
        String token = client.exchangeForOfflineToken(SHOP, SHOPIFY.sessionToken(SHOP));

        var pages = client.productPages(SHOP, token, java.util.List.of("111", "222", "333", "not-an-id"));

        assertThat(pages).containsOnlyKeys("111", "222");
        assertThat(pages.get("111").url()).hasToString("https://acme-tea.example/products/green-tea");
        assertThat(pages.get("111").imageUrl()).hasToString("https://cdn.shopify.com/s/files/green-tea.png");
        assertThat(pages.get("222").url()).hasToString("https://" + SHOP + "/products/teapot");
        assertThat(pages.get("222").imageUrl()).isNull();
    }
}
