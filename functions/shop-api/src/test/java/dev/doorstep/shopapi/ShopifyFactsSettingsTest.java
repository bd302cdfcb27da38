package dev.doorstep.shopapi;

import static dev.doorstep.shopapi.ShopApiHarness.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.doorstep.aftership.sandbox.AfterShipSandbox;
import dev.doorstep.core.model.Shop;
import dev.doorstep.core.model.ShopFacts;
import dev.doorstep.core.model.ShopSettings;
import dev.doorstep.core.shopify.SettingsFromFacts;
import dev.doorstep.emulator.WithAwsEmulator;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.scheduler.SchedulerClient;

/** The settings answer says which values are Shopify's and which the merchant's overrides. */
@WithAwsEmulator
class ShopifyFactsSettingsTest {

    static final AfterShipSandbox SANDBOX = AfterShipSandbox.start();
    static final String SHOP = "acme-tea.myshopify.com";
    static final String SETTINGS = "/shops/" + SHOP + "/settings";
    static final ShopFacts FACTS = new ShopFacts("Acme Tea Co.", "hello@acme-tea.example",
            ZoneId.of("Europe/Berlin"), "DE", Instant.parse("2026-03-01T00:00:00Z"));

    private final ShopApiHarness api;

    ShopifyFactsSettingsTest(DynamoDbClient dynamo, KmsClient kms, SchedulerClient scheduler) {
        api = new ShopApiHarness(dynamo, kms, scheduler, SANDBOX);
        // as installed through Shopify: country and zone follow Shopify's facts
        api.shops.save(new Shop(SettingsFromFacts.apply(ShopSettings.defaults(SHOP), null, FACTS), true, null, null,
                FACTS));
    }

    @AfterAll
    static void stop() {
        SANDBOX.close();
    }

    @Test
    @DisplayName("Shopify's facts and each effective value's source; overrides survive and say so")
    void sourcesAndOverrides() {
        JsonNode shopify = json(api.call("GET", SETTINGS, null)).path("shopify");
        assertThat(shopify.path("facts").path("name").asText()).isEqualTo("Acme Tea Co.");
        JsonNode effective = shopify.path("effective");
        assertThat(effective.path("shopName").path("value").asText()).isEqualTo("Acme Tea Co.");
        assertThat(effective.path("shopName").path("source").asText()).isEqualTo("shopify");
        assertThat(effective.path("replyTo").path("source").asText()).isEqualTo("shopify");
        assertThat(effective.path("timeZone").path("value").asText()).isEqualTo("Europe/Berlin");
        assertThat(effective.path("timeZone").path("source").asText()).isEqualTo("shopify");
        assertThat(effective.path("shopCountry").path("source").asText()).isEqualTo("shopify");

        APIGatewayV2HTTPResponse put = api.call("PUT", SETTINGS, """
                {"shopName": "Acme Teas", "replyTo": "care@acme.example", "timeZone": "Europe/Vienna"}""");
        assertThat(put.getStatusCode()).as(put.getBody()).isEqualTo(200);
        effective = json(put).path("shopify").path("effective");
        assertThat(effective.path("shopName").path("value").asText()).isEqualTo("Acme Teas");
        assertThat(effective.path("shopName").path("source").asText()).isEqualTo("override");
        assertThat(effective.path("replyTo").path("value").asText()).isEqualTo("care@acme.example");
        assertThat(effective.path("replyTo").path("source").asText()).isEqualTo("override");
        assertThat(effective.path("timeZone").path("source").asText()).isEqualTo("override");
        assertThat(effective.path("shopCountry").path("source").asText()).isEqualTo("shopify");
        Shop saved = api.shops.find(SHOP).orElseThrow();
        assertThat(saved.facts()).as("a settings save keeps Shopify's facts").isEqualTo(FACTS);
        assertThat(saved.displayName()).isEqualTo("Acme Teas");
        assertThat(saved.replyTo()).isEqualTo("care@acme.example");
    }

    @Test
    @DisplayName("a bad reply-to override is a 400 naming the field, and nothing is written")
    void badReplyTo() {
        APIGatewayV2HTTPResponse put = api.call("PUT", SETTINGS, """
                {"replyTo": "not an address <x>"}""");

        assertThat(put.getStatusCode()).isEqualTo(400);
        assertThat(json(put).path("field").asText()).isEqualTo("replyTo");
        assertThat(api.shops.find(SHOP).orElseThrow().settings().replyTo()).isNull();
    }
}
