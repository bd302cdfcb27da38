package dev.doorstep.shopifyapp;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.doorstep.aftership.KmsApiKeyCipher;
import dev.doorstep.core.intake.FulfillmentFact;
import dev.doorstep.core.memory.InMemoryReviewRequestScheduler;
import dev.doorstep.core.model.Customer;
import dev.doorstep.core.model.Fulfillment;
import dev.doorstep.core.model.LineItem;
import dev.doorstep.core.model.Order;
import dev.doorstep.core.model.OrderKey;
import dev.doorstep.core.model.Shop;
import dev.doorstep.core.port.Page;
import dev.doorstep.core.sending.ReviewRequestComposer;
import dev.doorstep.core.sending.ReviewRequestEmail;
import dev.doorstep.core.sending.UnsubscribeTokens;
import dev.doorstep.core.shopify.ShopInstallation;
import dev.doorstep.emulator.AwsEmulator;
import dev.doorstep.emulator.SentEmail;
import dev.doorstep.emulator.WithAwsEmulator;
import dev.doorstep.lambda.Json;
import dev.doorstep.lambda.JsonLog;
import dev.doorstep.mail.SesMailer;
import dev.doorstep.shopify.KmsShopifyAccessTokens;
import dev.doorstep.shopify.SessionTokenVerifier;
import dev.doorstep.shopify.ShopifyAdminClient;
import dev.doorstep.shopify.ShopifyConfig;
import dev.doorstep.shopify.ShopifyOrderSource;
import dev.doorstep.shopify.ShopifyProductPages;
import dev.doorstep.shopify.standin.SessionTokens;
import dev.doorstep.shopify.standin.ShopifyStandIn;
import dev.doorstep.shopify.standin.StandInProduct;
import dev.doorstep.shopify.standin.StandInShop;
import dev.doorstep.store.DoorstepTable;
import dev.doorstep.store.DynamoDbReceiptLog;
import dev.doorstep.store.DynamoDbShopStore;
import dev.doorstep.webhook.shopify.ShopifySecrets;
import dev.doorstep.webhook.shopify.ShopifyWebhookFunction;
import dev.doorstep.webhook.shopify.WebhookIntake;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.sesv2.SesV2Client;

/**
 * Install by token exchange, over the wire: the app function against DynamoDB and KMS (the emulator)
 * and the Shopify stand-in; then a review request composed from the stored shop and sent through SES;
 * then {@code shop/update} through the webhook function.
 */
@WithAwsEmulator
class ShopifyInstallTest {

    static final ShopifyStandIn SHOPIFY = ShopifyStandIn.start();
    static final String SHOP = "acme-tea.myshopify.com";
    static final String SENDER = "reviews@doorstep.example";

    private final DynamoDbClient dynamo;
    private final AwsEmulator emulator;
    private final String table = "doorstep-" + UUID.randomUUID();
    private final DynamoDbShopStore shops;
    private final KmsShopifyAccessTokens tokens;
    private final ShopifyAdminClient admin;
    private final ShopifyAppFunction function;
    private final SesMailer mailer;

    ShopifyInstallTest(DynamoDbClient dynamo, KmsClient kms, SesV2Client ses, AwsEmulator emulator) {
        this.dynamo = dynamo;
        this.emulator = emulator;
        DoorstepTable.create(dynamo, table);
        SHOPIFY.reset();
        SHOPIFY.putShop(new StandInShop(SHOP, "Acme Tea Co.", "owner@acme-tea.example", "hello@acme-tea.example",
                "Europe/Berlin", "DE"));
        shops = new DynamoDbShopStore(dynamo, table);
        tokens = new KmsShopifyAccessTokens(dynamo, table, new KmsApiKeyCipher(kms,
                kms.createKey(b -> b.description("Shopify tokens")).keyMetadata().keyId()));
        admin = new ShopifyAdminClient(new ShopifyConfig(SHOPIFY.clientId(), SHOPIFY.clientSecret(),
                SHOPIFY.adminBaseUrl(), ShopifyConfig.API_VERSION, Duration.ofSeconds(3), 2), Clock.systemUTC());
        function = new ShopifyAppFunction(new SessionTokenVerifier(SHOPIFY.clientId(), SHOPIFY.clientSecret(),
                Clock.systemUTC(), SessionTokenVerifier.DEFAULT_LEEWAY), new ShopInstallation(shops, admin, tokens));
        ses.createEmailIdentity(b -> b.emailIdentity(SENDER));
        mailer = new SesMailer(ses, SENDER, null, Clock.systemUTC());
    }

    @AfterAll
    static void stop() {
        SHOPIFY.close();
    }

    static APIGatewayV2HTTPEvent session(String token) {
        Map<String, String> headers = new HashMap<>();
        headers.put("content-type", "application/json");
        if (token != null) {
            headers.put("authorization", "Bearer " + token);
        }
        return APIGatewayV2HTTPEvent.builder().withVersion("2.0").withRouteKey("POST /app/session")
                .withRawPath("/app/session").withHeaders(headers).withIsBase64Encoded(false)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod("POST")
                                .withPath("/app/session").build()).build())
                .build();
    }

    static JsonNode json(APIGatewayV2HTTPResponse response) {
        try {
            return Json.MAPPER.readTree(response.getBody());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<Map<String, AttributeValue>> items() {
        return dynamo.scan(b -> b.tableName(table).consistentRead(true)).items();
    }

    @Test
    @DisplayName("install by token exchange, real name, reply-to and product links in the email, facts updated by shop/update")
    void installSendUpdate() {
        APIGatewayV2HTTPResponse response = function.handleRequest(session(SHOPIFY.sessionToken(SHOP)), null);

        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(200);
        assertThat(json(response).path("created").asBoolean()).isTrue();
        assertThat(json(response).path("shopify").path("name").asText()).isEqualTo("Acme Tea Co.");
        Shop shop = shops.find(SHOP).orElseThrow();
        assertThat(shop.installed()).isTrue();
        assertThat(shop.settings().aftershipEnabled()).as("integration off until a key is saved").isFalse();
        assertThat(shop.facts().name()).isEqualTo("Acme Tea Co.");
        assertThat(shop.settings().shopCountry()).isEqualTo("DE");
        assertThat(shop.settings().timeZone()).isEqualTo(ZoneId.of("Europe/Berlin"));

        // the offline token is stored only as a KMS ciphertext, and it is the one Shopify accepts
        Map<String, AttributeValue> tokenItem = items().stream()
                .filter(i -> i.get("sk").s().equals("SHOPIFY_TOKEN")).findFirst().orElseThrow();
        assertThat(tokenItem.get("accessToken").b()).isNotNull();
        assertThat(tokenItem.toString()).doesNotContain("shpat_");
        String accessToken = tokens.find(SHOP).orElseThrow();
        assertThat(admin.shopFacts(SHOP, accessToken).name()).isEqualTo("Acme Tea Co.");

        // the review request carries the shop's real name and reply-to, and links each product's page
        SHOPIFY.putProduct(SHOP, new StandInProduct("111", "green-tea", null, "https://cdn.shopify.com/green-tea.png"));
        SHOPIFY.putProduct(SHOP, new StandInProduct("222", "teapot", null, null));
        String to = "buyer-" + UUID.randomUUID() + "@example.com";
        ReviewRequestComposer composer = new ReviewRequestComposer(new UnsubscribeTokens(
                "a test secret that is long enough to sign with".getBytes(StandardCharsets.UTF_8)),
                URI.create("https://api.doorstep.example/unsubscribe"), null, new ShopifyProductPages(tokens, admin));
        Instant fulfilled = Instant.parse("2026-11-20T10:00:00Z");
        Order order = Order.received(new OrderKey(SHOP, "1001"), "#1001",
                new Fulfillment("f-1", fulfilled, "1Z999", "ups", "DE"), new Customer("c-1", "Ana Lima", to, null),
                List.of(new LineItem("111", "Green Tea"), new LineItem("222", "Teapot")), fulfilled);
        ReviewRequestEmail email = composer.compose(shops.find(SHOP).orElseThrow(), order);
        assertThat(email.text()).contains("Green Tea: https://" + SHOP + "/products/green-tea\n"
                + "Teapot: https://" + SHOP + "/products/teapot");
        assertThat(email.html()).contains("<img src=\"https://cdn.shopify.com/green-tea.png\"");
        mailer.send(email);
        SentEmail mail = emulator.sentEmails().to(to).getFirst();
        assertThat(mail.subject()).isEqualTo("How was your order from Acme Tea Co.?");
        assertThat(mail.header("From")).isEqualTo("\"Acme Tea Co.\" <" + SENDER + ">");
        assertThat(mail.header("Reply-To")).isEqualTo("hello@acme-tea.example");

        // shop/update: new name and zone; the zone followed Shopify, so it moves too. One dated before the
        // install's read (a late delivery) changes nothing.
        ShopifyWebhookFunction webhooks = new ShopifyWebhookFunction(ShopifySecrets.of(SHOPIFY.clientSecret(), null),
                WebhookIntake.onDynamoDb(dynamo, table, new InMemoryReviewRequestScheduler(), Clock.systemUTC()),
                new DynamoDbReceiptLog(dynamo, table, Clock.systemUTC()), Clock.systemUTC());
        String update = """
                {"id": 548380009, "name": "Acme Tea & Co.", "email": "owner@acme-tea.example",
                 "customer_email": "care@acme-tea.example", "iana_timezone": "Europe/Paris", "country_code": "FR",
                 "myshopify_domain": "acme-tea.myshopify.com", "updated_at": "%s"}""";
        APIGatewayV2HTTPResponse late = webhooks.handleRequest(shopUpdate(update.formatted(
                shop.facts().readAt().minusSeconds(60))), null);
        assertThat(json(late).path("status").asText()).as(late.getBody()).isEqualTo("ignored");
        assertThat(shops.find(SHOP).orElseThrow().facts().name()).isEqualTo("Acme Tea Co.");
        APIGatewayV2HTTPResponse updated = webhooks.handleRequest(shopUpdate(update.formatted(
                shop.facts().readAt().plusSeconds(60))), null);
        assertThat(updated.getStatusCode()).as(updated.getBody()).isEqualTo(200);
        Shop after = shops.find(SHOP).orElseThrow();
        assertThat(after.facts().name()).isEqualTo("Acme Tea & Co.");
        assertThat(after.replyTo()).isEqualTo("care@acme-tea.example");
        assertThat(after.settings().timeZone()).isEqualTo(ZoneId.of("Europe/Paris"));
        assertThat(after.settings().shopCountry()).isEqualTo("FR");
    }

    @Test
    @DisplayName("bad, expired, wrong-audience and missing session tokens: 401, nothing written, Shopify never asked")
    void refusedTokens() {
        Instant now = Instant.now();
        List<String> bad = List.of(
                SessionTokens.sign(SessionTokens.claims(SHOP, SHOPIFY.clientId(), now), "not-the-secret"),
                SessionTokens.sign(SessionTokens.claims(SHOP, SHOPIFY.clientId(), now.minusSeconds(3600)),
                        SHOPIFY.clientSecret()),
                SessionTokens.sign(SessionTokens.claims(SHOP, "another-app", now), SHOPIFY.clientSecret()),
                "not-a-jwt");
        for (String token : bad) {
            APIGatewayV2HTTPResponse response = function.handleRequest(session(token), null);
            assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(401);
            assertThat(response.getHeaders()).containsEntry("x-shopify-retry-invalid-session-request", "1");
            assertThat(response.getBody()).doesNotContain(token);
        }
        assertThat(function.handleRequest(session(null), null).getStatusCode()).isEqualTo(401);

        assertThat(items()).isEmpty();
        assertThat(SHOPIFY.requests()).isEmpty();
    }

    @Test
    @DisplayName("Shopify throttled (503) or refusing the exchange (401) writes nothing; an uninstalled shop comes back")
    void refusedExchangeAndReinstall() {
        SHOPIFY.throttleNext(10); // the exchange succeeds, the facts query stays throttled
        APIGatewayV2HTTPResponse throttled = function.handleRequest(session(SHOPIFY.sessionToken(SHOP)), null);
        assertThat(throttled.getStatusCode()).as(throttled.getBody()).isEqualTo(503);
        assertThat(items()).as("no token stored without the shop's facts").isEmpty();
        SHOPIFY.throttleNext(0);

        SHOPIFY.refuseExchanges(true);
        assertThat(function.handleRequest(session(SHOPIFY.sessionToken(SHOP)), null).getStatusCode()).isEqualTo(401);
        assertThat(items()).isEmpty();

        SHOPIFY.refuseExchanges(false);
        function.handleRequest(session(SHOPIFY.sessionToken(SHOP)), null);
        Shop installed = shops.find(SHOP).orElseThrow();
        shops.save(new Shop(installed.settings(), false, null, null, installed.facts()));

        APIGatewayV2HTTPResponse again = function.handleRequest(session(SHOPIFY.sessionToken(SHOP)), null);
        assertThat(json(again).path("reinstalled").asBoolean()).isTrue();
        assertThat(json(again).path("created").asBoolean()).isFalse();
        assertThat(shops.find(SHOP).orElseThrow().installed()).isTrue();
    }

    @Test
    @DisplayName("app/uninstalled erases the stored token (twice is fine); product pages and the backfill then read"
            + " nothing, logged; a reinstall stores a fresh token that works")
    void uninstallErasesTheTokenAndAReinstallStoresAFreshOne() {
        function.handleRequest(session(SHOPIFY.sessionToken(SHOP)), null);
        String revoked = tokens.find(SHOP).orElseThrow();
        SHOPIFY.putProduct(SHOP, new StandInProduct("111", "green-tea", null, null));
        ShopifyProductPages productPages = new ShopifyProductPages(tokens, admin);
        ShopifyOrderSource orderSource = new ShopifyOrderSource(tokens, admin);
        assertThat(productPages.find(SHOP, List.of("111"))).containsKey("111");
        ShopifyWebhookFunction webhooks = new ShopifyWebhookFunction(ShopifySecrets.of(SHOPIFY.clientSecret(), null),
                WebhookIntake.onDynamoDb(dynamo, table, new InMemoryReviewRequestScheduler(), Clock.systemUTC()),
                new DynamoDbReceiptLog(dynamo, table, Clock.systemUTC()), Clock.systemUTC());
        String uninstalled = """
                {"id": 548380009, "name": "Acme Tea Co.", "domain": "acme-tea.myshopify.com",
                 "myshopify_domain": "acme-tea.myshopify.com"}""";

        for (int delivery = 0; delivery < 2; delivery++) {
            APIGatewayV2HTTPResponse response = webhooks.handleRequest(webhook("app/uninstalled", uninstalled), null);
            assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(200);
        }

        assertThat(shops.find(SHOP).orElseThrow().installed()).isFalse();
        assertThat(items()).noneMatch(i -> i.get("sk").s().equals("SHOPIFY_TOKEN"));
        assertThat(tokens.find(SHOP)).isEmpty();
        int asked = SHOPIFY.requests().size();
        ByteArrayOutputStream logged = new ByteArrayOutputStream();
        JsonLog.redirect(new PrintStream(logged, true, StandardCharsets.UTF_8));
        try {
            assertThat(productPages.find(SHOP, List.of("111"))).as("the email links the review page").isEmpty();
            Page<FulfillmentFact> backfill = orderSource.fulfilledSince(SHOP, Instant.now().minus(Duration.ofDays(30)),
                    null);
            assertThat(backfill.items()).isEmpty();
            assertThat(backfill.nextCursor()).isNull();
        } finally {
            JsonLog.redirect(System.out);
        }
        assertThat(SHOPIFY.requests()).as("Shopify not asked without a token").hasSize(asked);
        assertThat(logged.toString(StandardCharsets.UTF_8))
                .contains("no Shopify access token for the shop (not installed through Shopify, or uninstalled)")
                .contains("no Shopify access token for the shop; nothing to backfill")
                .doesNotContain(revoked);

        APIGatewayV2HTTPResponse back = function.handleRequest(session(SHOPIFY.sessionToken(SHOP)), null);

        assertThat(json(back).path("reinstalled").asBoolean()).as(back.getBody()).isTrue();
        assertThat(shops.find(SHOP).orElseThrow().installed()).isTrue();
        String fresh = tokens.find(SHOP).orElseThrow();
        assertThat(fresh).isNotEqualTo(revoked);
        assertThat(admin.shopFacts(SHOP, fresh).name()).isEqualTo("Acme Tea Co.");
        assertThat(productPages.find(SHOP, List.of("111"))).containsKey("111");
    }

    /** A shop/update delivery signed as Shopify signs it (the app's client secret). */
    static APIGatewayV2HTTPEvent shopUpdate(String body) {
        return webhook("shop/update", body);
    }

    /** A delivery of {@code topic} signed as Shopify signs it (the app's client secret), under a new webhook id. */
    static APIGatewayV2HTTPEvent webhook(String topic, String body) {
        String hmac;
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(SHOPIFY.clientSecret().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            hmac = Base64.getEncoder().encodeToString(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        Map<String, String> headers = Map.of("content-type", "application/json",
                "x-shopify-topic", topic, "x-shopify-hmac-sha256", hmac,
                "x-shopify-shop-domain", SHOP, "x-shopify-api-version", ShopifyConfig.API_VERSION,
                "x-shopify-webhook-id", UUID.randomUUID().toString(),
                "x-shopify-triggered-at", "2026-12-04T11:00:00.000000Z");
        return APIGatewayV2HTTPEvent.builder().withVersion("2.0").withRouteKey("POST /webhooks/shopify")
                .withRawPath("/webhooks/shopify").withHeaders(headers).withBody(body).withIsBase64Encoded(false)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod("POST")
                                .withPath("/webhooks/shopify").build()).build())
                .build();
    }
}
