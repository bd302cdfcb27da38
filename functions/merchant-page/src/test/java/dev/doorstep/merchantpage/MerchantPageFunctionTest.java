package dev.doorstep.merchantpage;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.doorstep.aftership.AfterShipClient;
import dev.doorstep.aftership.AfterShipConfig;
import dev.doorstep.aftership.KmsApiKeyCipher;
import dev.doorstep.aftership.sandbox.AfterShipSandbox;
import dev.doorstep.core.merchant.MerchantChoices;
import dev.doorstep.core.model.Customer;
import dev.doorstep.core.model.EmailTemplate;
import dev.doorstep.core.model.Fulfillment;
import dev.doorstep.core.model.LineItem;
import dev.doorstep.core.model.Order;
import dev.doorstep.core.model.OrderKey;
import dev.doorstep.core.model.OrderStatus;
import dev.doorstep.core.model.Shop;
import dev.doorstep.core.model.ShopFacts;
import dev.doorstep.core.model.ShopSettings;
import dev.doorstep.core.sending.ProductPage;
import dev.doorstep.core.sending.ProductPages;
import dev.doorstep.core.sending.ReviewRequestComposer;
import dev.doorstep.core.sending.ReviewRequestEmail;
import dev.doorstep.core.sending.UnsubscribeTokens;
import dev.doorstep.emulator.WithAwsEmulator;
import dev.doorstep.lambda.Json;
import dev.doorstep.lambda.JsonLog;
import dev.doorstep.scheduling.EventBridgeReviewScheduler;
import dev.doorstep.scheduling.ReviewSenderTarget;
import dev.doorstep.scheduling.ScheduleNames;
import dev.doorstep.shopapi.AfterShipCouriersKeyCheck;
import dev.doorstep.shopapi.ShopApiFunction;
import dev.doorstep.shopify.SessionTokenVerifier;
import dev.doorstep.shopify.standin.SessionTokens;
import dev.doorstep.store.DoorstepTable;
import dev.doorstep.store.DynamoDbAfterShipCredentialStore;
import dev.doorstep.store.DynamoDbOrderStore;
import dev.doorstep.store.DynamoDbShopStore;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.scheduler.SchedulerClient;

/** The page's API against the emulator and the AfterShip sandbox, called with session tokens as App Bridge signs them. */
@WithAwsEmulator
class MerchantPageFunctionTest {

    static final AfterShipSandbox SANDBOX = AfterShipSandbox.start();
    static final String CLIENT_ID = "doorstep-test-client";
    static final String SECRET = "doorstep-test-secret";
    static final String SHOP = "acme-tea.myshopify.com";
    static final String OTHER = "other-shop.myshopify.com";
    static final Instant NOW = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    static final String GROUP_PREFIX = "review-requests-";
    /** The shop's storefront pages, as the Admin API would answer (the sender and the preview ask the same). */
    static final ProductPages PAGES = (shop, ids) -> Map.of(
            "p1", new ProductPage("p1", "green-tea", URI.create("https://" + shop + "/products/green-tea"), null),
            "p2", new ProductPage("p2", "teapot", URI.create("https://" + shop + "/products/teapot"), null));

    final String table = "doorstep-" + UUID.randomUUID();
    final String group = GROUP_PREFIX + UUID.randomUUID();
    final DynamoDbClient dynamo;
    final DynamoDbShopStore shops;
    final DynamoDbOrderStore orders;
    final SchedulerClient schedulerClient;
    final MerchantPageFunction function;
    final ByteArrayOutputStream logs = new ByteArrayOutputStream();

    MerchantPageFunctionTest(DynamoDbClient dynamo, KmsClient kms, SchedulerClient scheduler) {
        this.dynamo = dynamo;
        DoorstepTable.create(dynamo, table);
        scheduler.createScheduleGroup(b -> b.name(group));
        schedulerClient = scheduler;
        shops = new DynamoDbShopStore(dynamo, table);
        orders = new DynamoDbOrderStore(dynamo, table);
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        var reviewScheduler = new EventBridgeReviewScheduler(scheduler, new ReviewSenderTarget(group,
                "arn:aws:lambda:us-east-1:123456789012:function:review-sender:live",
                "arn:aws:iam::123456789012:role/doorstep-scheduler",
                "arn:aws:sqs:us-east-1:123456789012:doorstep-review-send-dlq"), clock);
        var cipher = new KmsApiKeyCipher(kms, kms.createKey(b -> b.description("keys")).keyMetadata().keyId());
        var shopApi = new ShopApiFunction(shops, orders, new DynamoDbAfterShipCredentialStore(dynamo, table),
                new AfterShipCouriersKeyCheck(new AfterShipClient(AfterShipConfig.defaults(SANDBOX.baseUrl())
                        .withTimeouts(Duration.ofMillis(800), Duration.ofMillis(20)).withAttempts(2, 1))),
                cipher, reviewScheduler, clock);
        function = new MerchantPageFunction(new SessionTokenVerifier(CLIENT_ID, SECRET, Clock.systemUTC(),
                SessionTokenVerifier.DEFAULT_LEEWAY), shopApi, shops, new MerchantChoices(orders, shops, reviewScheduler),
                new MerchantOverview(orders), new EmailPreview(new EmailPreviewOrder(orders),
                        ReviewRequestComposer.forPreviews(PAGES)), new MerchantPageHtml(CLIENT_ID, false), clock);
        shops.save(Shop.installed(ShopSettings.defaults(SHOP)));
        JsonLog.redirect(new PrintStream(logs, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void logsHoldNoKeyTokenOrCustomer() {
        JsonLog.redirect(System.out);
        assertThat(logs.toString(StandardCharsets.UTF_8)).doesNotContain("as-key-good-1", "Ada", "ada@example.com",
                "eyJ");
    }

    @AfterAll
    static void stop() {
        SANDBOX.close();
    }

    APIGatewayV2HTTPResponse call(String method, String path, String token, String body, Map<String, String> query) {
        Map<String, String> headers = new HashMap<>(Map.of("content-type", "application/json"));
        if (token != null) {
            headers.put("authorization", "Bearer " + token);
        }
        return function.handleRequest(APIGatewayV2HTTPEvent.builder().withVersion("2.0").withRawPath(path)
                .withHeaders(headers).withQueryStringParameters(query).withBody(body).withIsBase64Encoded(false)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder().withHttp(
                        APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod(method).withPath(path).build())
                        .build()).build(), null);
    }

    APIGatewayV2HTTPResponse call(String method, String path, String body) {
        return call(method, path, SessionTokens.issue(SHOP, CLIENT_ID, SECRET), body, null);
    }

    static JsonNode json(APIGatewayV2HTTPResponse r) {
        try {
            return Json.MAPPER.readTree(r.getBody());
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    Order storeWaitingOrder(String id) {
        return storeWaitingOrder(id, List.of(new LineItem("p1", "Green Tea")));
    }

    Order storeWaitingOrder(String id, List<LineItem> items) {
        Instant fulfilled = NOW.minus(Duration.ofDays(2));
        Order o = Order.received(new OrderKey(SHOP, id), "#" + id, new Fulfillment("f" + id, fulfilled, "1Z" + id,
                "UPS", "US"), new Customer("c", "Ada Lovelace", "ada@example.com", null),
                items, fulfilled);
        o = o.moveTo(OrderStatus.CREATING_TRACKING, "trackable", fulfilled)
                .moveTo(OrderStatus.WAITING_FOR_DELIVERY, "AfterShip tracking created", fulfilled);
        orders.insert(o);
        return orders.find(o.key()).orElseThrow();
    }

    @Test
    void thePageIsServedWithoutShopifysCdnLocallyAndFramableOnlyByTheShopsAdmin() {
        APIGatewayV2HTTPResponse page = call("GET", "/admin", null, null, Map.of("shop", SHOP, "host", "abc"));

        assertThat(page.getStatusCode()).isEqualTo(200);
        assertThat(page.getHeaders().get("content-type")).startsWith("text/html");
        assertThat(page.getHeaders().get("content-security-policy"))
                .isEqualTo("frame-ancestors https://" + SHOP + " https://admin.shopify.com 'self';");
        assertThat(page.getBody()).contains("content=\"" + CLIENT_ID + "\"").contains("const LOCAL = false;");
    }

    @Test
    void everyApiCallNeedsAValidSessionTokenAndTheShopComesFromIt() {
        String good = SessionTokens.issue(SHOP, CLIENT_ID, SECRET);
        String[] parts = good.split("\\.");
        String otherShopClaims = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                SessionTokens.claims(OTHER, CLIENT_ID, Instant.now()).toString().getBytes(StandardCharsets.UTF_8));
        String tampered = parts[0] + "." + otherShopClaims + "." + parts[2];

        for (String bad : new String[] {null, "garbage", tampered, SessionTokens.issue(SHOP, CLIENT_ID, "another-app"),
                SessionTokens.issue(SHOP, "another-client", SECRET)}) {
            APIGatewayV2HTTPResponse refused = call("GET", "/admin/api/settings", bad, null, null);
            assertThat(refused.getStatusCode()).isEqualTo(401);
            assertThat(refused.getHeaders()).containsEntry("x-shopify-retry-invalid-session-request", "1");
            assertThat(refused.getBody()).doesNotContain("waitDaysAfterDelivery");
        }
        // A well-signed token of a shop that never installed the app reads nothing and writes nothing.
        APIGatewayV2HTTPResponse stranger = call("PUT", "/admin/api/settings", SessionTokens.issue(OTHER, CLIENT_ID,
                SECRET), "{\"waitDaysAfterFulfillment\":9}", null);
        assertThat(stranger.getStatusCode()).isEqualTo(401);
        assertThat(shops.find(OTHER)).isEmpty();

        // A shop named in a parameter is not the one served: the token's is.
        JsonNode mine = json(call("GET", "/admin/api/settings", good, null, Map.of("shop", OTHER)));
        assertThat(mine.path("shop").asText()).isEqualTo(SHOP);
    }

    @Test
    void switchingAfterShipOnOffersTheBackfillWhichTheMerchantAcceptsOrDeclinesForTheTokensShopOnly() {
        assertThat(json(call("GET", "/admin/api/backfill", null)).path("state").asText()).isEqualTo("NONE");

        call("PUT", "/admin/api/settings", "{\"aftershipEnabled\":true,\"aftershipApiKey\":\"as-key-good-1\"}");

        JsonNode offered = json(call("GET", "/admin/api/backfill", null));
        assertThat(offered.path("shop").asText()).isEqualTo(SHOP);
        assertThat(offered.path("state").asText()).isEqualTo("OFFERED");
        assertThat(offered.path("occasion").asText()).isEqualTo("SWITCH_ON");
        assertThat(offered.path("timing").asText()).isEqualTo("delivery");

        APIGatewayV2HTTPResponse accepted = call("POST", "/admin/api/backfill", null);
        assertThat(accepted.getStatusCode()).isEqualTo(202);
        assertThat(json(accepted).path("state").asText()).isEqualTo("QUEUED");
        APIGatewayV2HTTPResponse tooLate = call("DELETE", "/admin/api/backfill", null);
        assertThat(tooLate.getStatusCode()).isEqualTo(409);

        APIGatewayV2HTTPResponse stranger = call("POST", "/admin/api/backfill",
                SessionTokens.issue(OTHER, CLIENT_ID, SECRET), null, null);
        assertThat(stranger.getStatusCode()).isEqualTo(401);
        assertThat(call("PATCH", "/admin/api/backfill", null).getStatusCode()).isEqualTo(404);
    }

    @Test
    void settingsAreTheShopApisOwnBadValuesAreRefusedByFieldAndNothingIsSaved() {
        APIGatewayV2HTTPResponse bad = call("PUT", "/admin/api/settings",
                "{\"waitDaysAfterFulfillment\":9,\"minDelayDomesticDays\":-1}");
        assertThat(bad.getStatusCode()).isEqualTo(400);
        assertThat(json(bad).path("field").asText()).isEqualTo("minDelayDomesticDays");
        assertThat(shops.find(SHOP).orElseThrow().settings().waitDaysAfterFulfillment()).isEqualTo(7);

        APIGatewayV2HTTPResponse twoBad = call("PUT", "/admin/api/settings",
                "{\"waitDaysAfterFulfillment\":9,\"minDelayDomesticDays\":-1,\"sendWindow\":\"nine to five\"}");
        assertThat(twoBad.getStatusCode()).isEqualTo(400);
        assertThat(json(twoBad).path("errors")).extracting(e -> e.path("field").asText())
                .containsExactlyInAnyOrder("minDelayDomesticDays", "sendWindow");
        assertThat(shops.find(SHOP).orElseThrow().settings().waitDaysAfterFulfillment()).isEqualTo(7);

        APIGatewayV2HTTPResponse refusedKey = call("PUT", "/admin/api/settings",
                "{\"aftershipEnabled\":true,\"aftershipApiKey\":\"invalid-key\"}");
        assertThat(refusedKey.getStatusCode()).isEqualTo(400);
        assertThat(json(refusedKey).path("field").asText()).isEqualTo("aftershipApiKey");
        assertThat(shops.find(SHOP).orElseThrow().settings().aftershipEnabled()).isFalse();

        APIGatewayV2HTTPResponse saved = call("PUT", "/admin/api/settings",
                "{\"aftershipEnabled\":true,\"aftershipApiKey\":\"as-key-good-1\",\"waitDaysAfterFulfillment\":9}");
        assertThat(saved.getStatusCode()).isEqualTo(200);
        assertThat(json(saved).path("aftershipApiKeySaved").asBoolean()).isTrue();
        assertThat(saved.getBody()).doesNotContain("as-key-good-1");
        assertThat(shops.find(SHOP).orElseThrow().settings().waitDaysAfterFulfillment()).isEqualTo(9);
    }

    @Test
    void sendNowMovesTheOrdersScheduleToNowAndDoNotSendRemovesIt() {
        Order first = storeWaitingOrder("5001");
        Order second = storeWaitingOrder("5002");

        APIGatewayV2HTTPResponse now = call("POST", "/admin/api/review-requests/5001/send-now", null);
        assertThat(now.getStatusCode()).isEqualTo(200);
        assertThat(json(now).path("statusLabel").asText()).isEqualTo("Will send");
        assertThat(orders.find(first.key()).orElseThrow().sendAt()).isEqualTo(NOW);
        assertThat(schedulerClient.getSchedule(b -> b.groupName(group).name(ScheduleNames.of(first.key())))
                .scheduleExpression()).startsWith("at(");

        APIGatewayV2HTTPResponse skip = call("POST", "/admin/api/review-requests/5002/do-not-send", null);
        assertThat(skip.getStatusCode()).isEqualTo(200);
        assertThat(orders.find(second.key()).orElseThrow().status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(call("POST", "/admin/api/review-requests/5002/send-now", null).getStatusCode()).isEqualTo(409);
        assertThat(call("POST", "/admin/api/review-requests/9999/send-now", null).getStatusCode()).isEqualTo(404);
        // Another shop's token cannot touch this shop's order: it names its own shop's order, which does not exist.
        shops.save(Shop.installed(ShopSettings.defaults(OTHER)));
        assertThat(call("POST", "/admin/api/review-requests/5001/do-not-send", SessionTokens.issue(OTHER, CLIENT_ID,
                SECRET), null, null).getStatusCode()).isEqualTo(404);
        assertThat(orders.find(first.key()).orElseThrow().status()).isEqualTo(OrderStatus.SCHEDULED);
    }

    @Test
    void theListAndTheEmailPreviewReadTheTokensShop() {
        storeWaitingOrder("6001");

        JsonNode list = json(call("GET", "/admin/api/review-requests", SessionTokens.issue(SHOP, CLIENT_ID, SECRET),
                null, Map.of("search", "#6001")));
        assertThat(list.path("reviewRequests")).extracting(r -> r.path("statusLabel").asText())
                .containsExactly("Waiting for delivery");
        JsonNode preview = json(call("POST", "/admin/api/email-preview", "null"));
        assertThat(preview.path("orderNumber").asText()).isEqualTo("#6001");
        assertThat(preview.path("text").asText()).contains("Hi Ada Lovelace,", "Green Tea");
        assertThat(call("GET", "/admin/api/email-preview", null).getStatusCode()).isEqualTo(405);
        JsonNode overview = json(call("GET", "/admin/api/overview", null));
        assertThat(overview.path("emailsSent").asInt()).isZero();
        assertThat(overview.path("byRule")).hasSize(4);
    }

    @Test
    void theEmailPreviewIsWhatTheSenderWouldSendForTheLatestOrderWithTheDraftTemplateAndItWritesNothing() {
        shops.save(new Shop(ShopSettings.defaults(SHOP), true, null, null, new ShopFacts("Acme Tea Co.",
                "hello@acme-tea.example", ZoneOffset.UTC, "US", NOW)));
        Order order = storeWaitingOrder("7001", List.of(new LineItem("p1", "Green Tea"), new LineItem("p2", "Teapot")));
        String draft = "{\"subject\":\"{customer_name}, how was {products}?\",\"body\":null,"
                + "\"reviewUrl\":\"{product_url}#reviews\"}";
        var before = items();

        APIGatewayV2HTTPResponse answer = call("POST", "/admin/api/email-preview", draft);

        assertThat(answer.getStatusCode()).isEqualTo(200);
        JsonNode preview = json(answer);
        Shop drafted = shops.find(SHOP).orElseThrow();
        drafted = drafted.withSettings(drafted.settings().toBuilder().emailTemplate(new EmailTemplate(
                "{customer_name}, how was {products}?", null, "{product_url}#reviews")).build());
        ReviewRequestEmail sent = new ReviewRequestComposer(new UnsubscribeTokens(
                "a test secret that is long enough to sign with".getBytes(StandardCharsets.UTF_8)),
                URI.create("https://api.doorstep.example/unsubscribe"), null, PAGES).compose(drafted, order);
        String real = sent.unsubscribeUrl().toString();
        String inert = ReviewRequestComposer.PREVIEW_UNSUBSCRIBE.toString();
        assertThat(preview.path("orderNumber").asText()).isEqualTo("#7001");
        assertThat(preview.path("sample").asBoolean()).isFalse();
        assertThat(preview.path("subject").asText()).isEqualTo(sent.subject())
                .isEqualTo("Ada Lovelace, how was Green Tea and Teapot?");
        assertThat(preview.path("text").asText()).isEqualTo(sent.text().replace(real, inert))
                .contains("Acme Tea Co.", "https://" + SHOP + "/products/teapot#reviews");
        assertThat(preview.path("html").asText()).isEqualTo(sent.html().replace(real.replace("&", "&amp;"), inert));
        assertThat(answer.getBody()).doesNotContain("token=", "ada@example.com");
        assertThat(items()).as("nothing written").containsExactlyInAnyOrderElementsOf(before);
        assertThat(schedulerClient.listSchedules(b -> b.groupName(group)).schedules()).isEmpty();
    }

    @Test
    void aShopWithNoOrderYetPreviewsASampleOrderAndTheDefaultWordingForANullDraft() {
        JsonNode preview = json(call("POST", "/admin/api/email-preview", "null"));

        assertThat(preview.path("sample").asBoolean()).isTrue();
        assertThat(preview.path("subject").asText()).isEqualTo("How was your order from acme-tea?");
        assertThat(preview.path("text").asText()).startsWith("Hi Ada Lovelace,")
                .contains("Trail Running Shoe", ReviewRequestComposer.PREVIEW_UNSUBSCRIBE.toString());
    }

    @Test
    void aBadDraftIsRefusedNamingTheTemplatesFieldAndNothingIsWritten() {
        storeWaitingOrder("8001");
        var before = items();
        Map<String, String> bad = Map.of(
                "{\"subject\":5}", "emailTemplate.subject",
                "{\"greeting\":\"Hi\"}", "emailTemplate.greeting",
                "[\"subject\"]", "emailTemplate",
                "{not json", "emailTemplate",
                "", "emailTemplate");
        bad.forEach((body, field) -> {
            APIGatewayV2HTTPResponse refused = call("POST", "/admin/api/email-preview", body);
            assertThat(refused.getStatusCode()).as(body).isEqualTo(400);
            assertThat(json(refused).path("field").asText()).as(body).isEqualTo(field);
            assertThat(json(refused).path("errors")).as(body).hasSize(1);
        });
        // the save refuses the same draft for the same field: one set of rules
        APIGatewayV2HTTPResponse save = call("PUT", "/admin/api/settings", "{\"emailTemplate\":{\"subject\":5}}");
        assertThat(json(save).path("field").asText()).isEqualTo("emailTemplate.subject");
        assertThat(items()).containsExactlyInAnyOrderElementsOf(before);
    }

    List<Map<String, AttributeValue>> items() {
        return dynamo.scan(b -> b.tableName(table).consistentRead(true)).items();
    }
}
