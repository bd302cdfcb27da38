package dev.doorstep.webhook.aftership;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import dev.doorstep.aftership.KmsApiKeyCipher;
import dev.doorstep.aftership.sandbox.AfterShipSandbox;
import dev.doorstep.core.delivery.DeliveryUpdates;
import dev.doorstep.core.memory.InMemoryReviewRequestScheduler;
import dev.doorstep.core.model.Customer;
import dev.doorstep.core.model.Fulfillment;
import dev.doorstep.core.model.Order;
import dev.doorstep.core.model.OrderKey;
import dev.doorstep.core.model.OrderStatus;
import dev.doorstep.core.model.Shop;
import dev.doorstep.core.model.ShopSettings;
import dev.doorstep.core.planning.ReviewRequestPlanner;
import dev.doorstep.core.port.AfterShipCredentials;
import dev.doorstep.core.timing.TimingPolicy;
import dev.doorstep.emulator.ProjectRoot;
import dev.doorstep.emulator.WithAwsEmulator;
import dev.doorstep.lambda.Json;
import dev.doorstep.store.DoorstepTable;
import dev.doorstep.store.DynamoDbAfterShipCredentialStore;
import dev.doorstep.store.DynamoDbOrderStore;
import dev.doorstep.store.DynamoDbReceiptLog;
import dev.doorstep.store.DynamoDbShopStore;
import dev.doorstep.store.DynamoDbTrackingIndex;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kms.KmsClient;

/**
 * AfterShip webhooks over the wire: the table in the emulator, the shop's secrets encrypted with the
 * emulator's KMS, and bodies and signatures from the AfterShip sandbox.
 */
@WithAwsEmulator
class AfterShipWebhookFunctionTest {

    static final AfterShipSandbox SANDBOX = AfterShipSandbox.start();
    static final String SHOP = "acme-tea.myshopify.com";
    static final String SECRET = "doorstep-sample-webhook-secret"; // the one events/aftership-webhook is signed with
    static final String API_KEY = "key-acme-0001";
    static final String KEY_AS_SECRET_SHOP = "key-as-secret.myshopify.com";
    static final Instant FULFILLED = Instant.parse("2026-03-02T10:00:00Z");
    static final Instant NOW = Instant.parse("2026-03-08T09:05:00Z");

    final String table = "webhook-" + UUID.randomUUID();
    final DynamoDbOrderStore orders;
    final DynamoDbReceiptLog receipts;
    final DynamoDbShopStore shops;
    final InMemoryReviewRequestScheduler scheduler = new InMemoryReviewRequestScheduler();
    final Map<OrderKey, Instant> schedules = scheduler.schedules();
    final AfterShipWebhookFunction function;
    final DynamoDbTrackingIndex index;

    AfterShipWebhookFunctionTest(DynamoDbClient dynamo, KmsClient kms) {
        DoorstepTable.create(dynamo, table);
        orders = new DynamoDbOrderStore(dynamo, table);
        receipts = new DynamoDbReceiptLog(dynamo, table, Clock.fixed(NOW, ZoneOffset.UTC)); // receipts expire on the same clock
        shops = new DynamoDbShopStore(dynamo, table);
        shops.save(Shop.installed(ShopSettings.defaults(SHOP).toBuilder().shopCountry("US").aftershipEnabled(true)
                .build()));
        var cipher = new KmsApiKeyCipher(kms, kms.createKey(b -> b.description("aftership keys")).keyMetadata().keyId());
        var credentials = new DynamoDbAfterShipCredentialStore(dynamo, table);
        credentials.save(SHOP, new AfterShipCredentials(cipher.encryptApiKey(SHOP, API_KEY),
                cipher.encryptWebhookSecret(SHOP, SECRET)));
        credentials.save("no-secret.myshopify.com",
                new AfterShipCredentials(cipher.encryptApiKey(SHOP, API_KEY), null));
        // An API key's ciphertext copied into the webhook-secret slot: it must never serve as (or reveal) a secret.
        credentials.save(KEY_AS_SECRET_SHOP, new AfterShipCredentials(
                cipher.encryptApiKey(KEY_AS_SECRET_SHOP, API_KEY), cipher.encryptApiKey(KEY_AS_SECRET_SHOP, API_KEY)));
        var policy = new TimingPolicy();
        var planner = new ReviewRequestPlanner(policy, orders, scheduler);
        index = new DynamoDbTrackingIndex(dynamo, table);
        function = new AfterShipWebhookFunction(new StoredWebhookSecrets(credentials, cipher), receipts, orders,
                shops, new DeliveryUpdates(orders, shops, policy, planner), index, Clock.fixed(NOW, ZoneOffset.UTC));
        SANDBOX.reset();
    }

    @AfterAll
    static void stop() {
        SANDBOX.close();
    }

    OrderKey waiting(String orderId, String trackingId) {
        OrderKey key = new OrderKey(SHOP, orderId);
        orders.insert(Order.received(key, "#" + orderId, new Fulfillment("f1", FULFILLED, "1Z" + orderId, "UPS", "US"),
                        new Customer("c1", "Ada", "ada@example.com", null), List.of(), FULFILLED).toBuilder()
                .trackingId(trackingId).trackingAttempts(1).fallbackDeadline(FULFILLED.plus(Duration.ofDays(60)))
                .build()
                .moveTo(OrderStatus.CREATING_TRACKING, "trackable", FULFILLED)
                .moveTo(OrderStatus.WAITING_FOR_DELIVERY, "AfterShip tracking created", FULFILLED));
        return key;
    }

    /** A tracking in the sandbox for the order, as our tracking creation makes it. */
    static String sandboxTracking(String orderId, String number) throws Exception {
        String body = Json.MAPPER.createObjectNode().put("tracking_number", number).put("slug", "ups")
                .put("order_id", orderId).set("custom_fields", Json.MAPPER.createObjectNode().put("doorstep_shop", SHOP))
                .toString();
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(SANDBOX.baseUrl() + "/tracking/2026-07/trackings"))
                .header("as-api-key", API_KEY).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(201);
        return Json.MAPPER.readTree(response.body()).path("data").path("id").asText();
    }

    static APIGatewayV2HTTPEvent post(String shop, String body, String signature) {
        return APIGatewayV2HTTPEvent.builder().withRawPath("/webhooks/aftership")
                .withQueryStringParameters(shop == null ? null : Map.of("shop", shop))
                .withHeaders(signature == null ? Map.of("content-type", "application/json")
                        : Map.of("content-type", "application/json", "aftership-hmac-sha256", signature))
                .withBody(body).withIsBase64Encoded(false).build();
    }

    static String reason(APIGatewayV2HTTPResponse response) throws IOException {
        return Json.MAPPER.readTree(response.getBody()).path("reason").asText();
    }

    @Test
    void aTrackingMadeElsewhereAndSharedByTwoOrdersTimesEveryOrderThatTookIt() throws Exception {
        // made by AfterShip's own Shopify app: its order reference, no doorstep_shop
        String body = Json.MAPPER.createObjectNode().put("tracking_number", "1ZSHARED3001").put("slug", "ups")
                .put("order_id", "#1001").toString();
        HttpResponse<String> created = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(SANDBOX.baseUrl() + "/tracking/2026-07/trackings"))
                .header("as-api-key", API_KEY).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        String trackingId = Json.MAPPER.readTree(created.body()).path("data").path("id").asText();
        OrderKey first = waiting("3001", trackingId);
        OrderKey second = waiting("3002", trackingId);
        index.add(first, trackingId);
        index.add(second, trackingId);
        Instant delivered = Instant.parse("2026-03-08T09:00:00Z");
        SANDBOX.deliver(trackingId, delivered);
        String event = SANDBOX.webhookBody(trackingId);

        APIGatewayV2HTTPResponse response = function.handleRequest(post(SHOP, event,
                AfterShipSandbox.signature(event, SECRET)), null);

        assertThat(response.getStatusCode()).isEqualTo(200);
        for (OrderKey key : List.of(first, second)) {
            Order order = orders.find(key).orElseThrow();
            assertThat(order.status()).isEqualTo(OrderStatus.SCHEDULED);
            assertThat(order.sendAt()).isEqualTo(delivered.plus(Duration.ofDays(3)));
        }
    }

    @Test
    void aDeliveredWebhookSchedulesTheRequestOnceWithinMinutes() throws Exception {
        String trackingId = sandboxTracking("1001", "1Z1001");
        OrderKey key = waiting("1001", trackingId);
        Instant delivered = Instant.parse("2026-03-08T09:00:00Z");
        SANDBOX.deliver(trackingId, delivered);
        String body = SANDBOX.webhookBody(trackingId);

        APIGatewayV2HTTPResponse response = function.handleRequest(post(SHOP, body,
                AfterShipSandbox.signature(body, SECRET)), null);

        assertThat(response.getStatusCode()).isEqualTo(200);
        Order order = orders.find(key).orElseThrow();
        assertThat(order.status()).isEqualTo(OrderStatus.SCHEDULED);
        assertThat(order.deliveredAt()).isEqualTo(delivered);
        assertThat(order.sendAt()).isEqualTo(delivered.plus(Duration.ofDays(3)));
        assertThat(schedules).containsEntry(key, delivered.plus(Duration.ofDays(3)));
        String eventId = Json.MAPPER.readTree(body).path("event_id").asText();
        assertThat(receipts.alreadyReceived("aftership", eventId)).isTrue();

        APIGatewayV2HTTPResponse again = function.handleRequest(post(SHOP, body,
                AfterShipSandbox.signature(body, SECRET)), null);

        assertThat(again.getStatusCode()).isEqualTo(200);
        assertThat(Json.MAPPER.readTree(again.getBody()).path("status").asText()).isEqualTo("duplicate");
        assertThat(orders.find(key).orElseThrow().version()).isEqualTo(order.version());
    }

    @Test
    void anAppliedEventNotesThatTheShopsWebhooksArriveAndABadOneDoesNot() throws Exception {
        String trackingId = sandboxTracking("1005", "1Z1005");
        waiting("1005", trackingId);
        SANDBOX.deliver(trackingId, Instant.parse("2026-03-08T09:00:00Z"));
        String body = SANDBOX.webhookBody(trackingId);

        function.handleRequest(post(SHOP, body, AfterShipSandbox.signature(body, "someone-else's-secret")), null);
        assertThat(shops.find(SHOP).orElseThrow().lastAfterShipWebhookAt()).isNull();

        function.handleRequest(post(SHOP, body, AfterShipSandbox.signature(body, SECRET)), null);
        assertThat(shops.find(SHOP).orElseThrow().lastAfterShipWebhookAt()).isEqualTo(NOW);
    }

    @Test
    void aBadSignatureIsRefusedAndChangesNothing() throws Exception {
        String trackingId = sandboxTracking("1002", "1Z1002");
        OrderKey key = waiting("1002", trackingId);
        SANDBOX.deliver(trackingId, Instant.parse("2026-03-08T09:00:00Z"));
        String body = SANDBOX.webhookBody(trackingId);

        APIGatewayV2HTTPResponse forged = function.handleRequest(post(SHOP, body,
                AfterShipSandbox.signature(body, "someone-else's-secret")), null);
        APIGatewayV2HTTPResponse unsigned = function.handleRequest(post(SHOP, body, null), null);
        APIGatewayV2HTTPResponse tampered = function.handleRequest(post(SHOP, body.replace("1002", "1003"),
                AfterShipSandbox.signature(body, SECRET)), null);

        assertThat(List.of(forged, unsigned, tampered)).allSatisfy(r -> assertThat(r.getStatusCode()).isEqualTo(401));
        assertThat(reason(forged)).contains("signature does not match");
        assertThat(orders.find(key).orElseThrow().status()).isEqualTo(OrderStatus.WAITING_FOR_DELIVERY);
        String eventId = Json.MAPPER.readTree(body).path("event_id").asText();
        assertThat(receipts.alreadyReceived("aftership", eventId)).isFalse();
        assertThat(schedules).isEmpty();
    }

    @Test
    void aTagThatDoesNotChangeTheTimingIsIgnored() throws Exception {
        String trackingId = sandboxTracking("1004", "1Z1004");
        OrderKey key = waiting("1004", trackingId);
        String body = SANDBOX.webhookBody(trackingId); // still Pending

        APIGatewayV2HTTPResponse response = function.handleRequest(post(SHOP, body,
                AfterShipSandbox.signature(body, SECRET)), null);

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(Json.MAPPER.readTree(response.getBody()).path("status").asText()).isEqualTo("ignored");
        assertThat(orders.find(key).orElseThrow().status()).isEqualTo(OrderStatus.WAITING_FOR_DELIVERY);
    }

    @Test
    void badRequestsGetAClearReason() throws Exception {
        String notJson = "this is not json";

        APIGatewayV2HTTPResponse malformed = function.handleRequest(post(SHOP, notJson,
                AfterShipSandbox.signature(notJson, SECRET)), null);
        APIGatewayV2HTTPResponse noShop = function.handleRequest(post(null, notJson, "x"), null);
        APIGatewayV2HTTPResponse unknown = function.handleRequest(post("stranger.myshopify.com", notJson,
                AfterShipSandbox.signature(notJson, SECRET)), null);
        APIGatewayV2HTTPResponse noSecret = function.handleRequest(post("no-secret.myshopify.com", notJson,
                AfterShipSandbox.signature(notJson, SECRET)), null);

        assertThat(malformed.getStatusCode()).isEqualTo(400);
        assertThat(reason(malformed)).isEqualTo("the body is not JSON");
        assertThat(noShop.getStatusCode()).isEqualTo(400);
        assertThat(unknown.getStatusCode()).isEqualTo(401);
        assertThat(noSecret.getStatusCode()).isEqualTo(401);
        assertThat(reason(noSecret)).contains("signature does not match");
    }

    /** The webhook function reads webhook secrets only: an API key in the secret's place decrypts to nothing. */
    @Test
    void anApiKeyCiphertextIsNeverUsedAsAWebhookSecret() throws Exception {
        String body = sampleBody();

        APIGatewayV2HTTPResponse response = function.handleRequest(post(KEY_AS_SECRET_SHOP, body,
                AfterShipSandbox.signature(body, API_KEY)), null);

        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(401);
    }

    /** Which shops use the app is nobody's business: a stranger learns the same from all three. */
    @Test
    void anUnknownShopAShopWithoutASecretAndABadSignatureAnswerAlike() throws Exception {
        String body = sampleBody();
        String forged = AfterShipSandbox.signature(body, "a guess");

        List<APIGatewayV2HTTPResponse> answers = List.of(
                function.handleRequest(post("stranger.myshopify.com", body, forged), null),
                function.handleRequest(post("no-secret.myshopify.com", body, forged), null),
                function.handleRequest(post(SHOP, body, forged), null));

        assertThat(answers).extracting(APIGatewayV2HTTPResponse::getStatusCode).containsOnly(401);
        assertThat(answers).extracting(APIGatewayV2HTTPResponse::getBody).as("the same body, word for word")
                .containsOnly(answers.get(0).getBody());
        assertThat(answers).extracting(APIGatewayV2HTTPResponse::getHeaders).containsOnly(answers.get(0).getHeaders());
    }

    /** The sample delivery (events/aftership-webhook) for order 1001, as AfterShip signs it. */
    static String sampleBody() throws IOException {
        return sample().getBody();
    }

    static APIGatewayV2HTTPEvent sample() throws IOException {
        String json = Files.readString(ProjectRoot.find().resolve("events/aftership-webhook/delivered.json"));
        return LambdaEventSerializers.serializerFor(APIGatewayV2HTTPEvent.class,
                AfterShipWebhookFunctionTest.class.getClassLoader()).fromJson(new ByteArrayInputStream(
                json.getBytes(StandardCharsets.UTF_8)));
    }

    static String status(APIGatewayV2HTTPResponse response) throws IOException {
        return Json.MAPPER.readTree(response.getBody()).path("status").asText();
    }

    /** Found by the reliability corpus: a body flagged base64 that is not base64 made the handler throw (a 500). */
    @Test
    void aBodyMarkedBase64ThatIsNotBase64IsA400() throws Exception {
        OrderKey key = waiting("1001", "k5lh7dy7vvqeck71p5loe011");
        for (String notBase64 : List.of(sampleBody(), "-_-_", "abc*", "YWJj\r\nZGVm")) {
            APIGatewayV2HTTPEvent event = sample();
            event.setBody(notBase64);
            event.setIsBase64Encoded(true);

            APIGatewayV2HTTPResponse response = function.handleRequest(event, null);

            assertThat(response.getStatusCode()).as(notBase64).isEqualTo(400);
            assertThat(status(response)).isEqualTo("bad-encoding");
        }
        assertThat(orders.find(key).orElseThrow().status()).isEqualTo(OrderStatus.WAITING_FOR_DELIVERY);
    }

    /**
     * Found by the reliability corpus: event_id is part of the receipt's key, so a signed event whose id
     * DynamoDB cannot take (over its 2 KiB key, or a lone surrogate) failed with a 500, after the order
     * had been moved, on every one of AfterShip's retries. Such ids are now refused before anything.
     */
    @Test
    void anEventIdThatCannotBeAKeyIsA400AndMovesNothing() throws Exception {
        OrderKey key = waiting("1001", "k5lh7dy7vvqeck71p5loe011");
        String id = "3f645f5e-1f2b-4c8e-9a59-2f3d7c1a6b10";
        for (String bad : List.of("e".repeat(5000), "\\ud800", "\\u0000", "3f645f5e 1f2b", "\u202e" + id)) {
            String body = sampleBody().replace(id, bad);

            APIGatewayV2HTTPResponse response = function.handleRequest(post(SHOP, body,
                    AfterShipSandbox.signature(body, SECRET)), null);

            assertThat(response.getStatusCode()).as(bad).isEqualTo(400);
            assertThat(reason(response)).contains("event_id");
        }
        String numeric = sampleBody().replace("\"" + id + "\"", "42");
        assertThat(function.handleRequest(post(SHOP, numeric, AfterShipSandbox.signature(numeric, SECRET)), null)
                .getStatusCode()).isEqualTo(400);
        assertThat(orders.find(key).orElseThrow().status()).isEqualTo(OrderStatus.WAITING_FOR_DELIVERY);
        assertThat(schedules).isEmpty();
    }

    /** An order id that no Shopify order has (and that could exceed DynamoDB's key size) is not looked up. */
    @Test
    void anOrderIdThatIsNotAShopifyIdIsIgnored() throws Exception {
        OrderKey key = waiting("1001", "k5lh7dy7vvqeck71p5loe011");
        for (String bad : List.of("1".repeat(5000), "1001.5", "\uff11\uff10\uff10\uff11", "1001\u200b")) {
            String body = sampleBody().replace("\"order_id\":\"1001\"", "\"order_id\":\"" + bad + "\"")
                    .replace("3f645f5e-1f2b-4c8e-9a59-2f3d7c1a6b10", UUID.randomUUID().toString()); // each a new event

            APIGatewayV2HTTPResponse response = function.handleRequest(post(SHOP, body,
                    AfterShipSandbox.signature(body, SECRET)), null);

            assertThat(response.getStatusCode()).isEqualTo(200);
            assertThat(status(response)).isEqualTo("ignored");
            assertThat(reason(response)).contains("not a Shopify order id");
        }
        assertThat(orders.find(key).orElseThrow().status()).isEqualTo(OrderStatus.WAITING_FOR_DELIVERY);
    }

    /** ?shop= is a myshopify.com domain (any case), checked before the table is read. */
    @Test
    void theShopParameterMustBeAMyshopifyDomain() throws Exception {
        waiting("1001", "k5lh7dy7vvqeck71p5loe011");
        String body = sampleBody();
        for (String bad : List.of("a".repeat(3000) + ".myshopify.com", "evil.example.com",
                "acme-tea.myshopify.com\u0000", "acme_tea.myshopify.com", SHOP + "," + SHOP)) {
            APIGatewayV2HTTPResponse response = function.handleRequest(post(bad, body,
                    AfterShipSandbox.signature(body, SECRET)), null);

            assertThat(response.getStatusCode()).isEqualTo(400);
            assertThat(status(response)).isEqualTo("bad-shop");
        }

        APIGatewayV2HTTPResponse upperCase = function.handleRequest(post(SHOP.toUpperCase(java.util.Locale.ROOT), body,
                AfterShipSandbox.signature(body, SECRET)), null);

        assertThat(upperCase.getStatusCode()).as(upperCase.getBody()).isEqualTo(200);
        assertThat(status(upperCase)).isEqualTo("scheduled_on_delivery");
    }

    /** One UTF-8 JSON document of at most 1 MiB, sent as application/json: anything else moves nothing. */
    @Test
    void onlyOneStrictJsonDocumentUpTo1MiBIsRead() throws Exception {
        OrderKey key = waiting("1001", "k5lh7dy7vvqeck71p5loe011");
        String body = sampleBody();
        String big = body.replace("Delivered, front door", "x".repeat(WebhookRequest.MAX_BODY_BYTES));
        Map<String, Integer> cases = new java.util.LinkedHashMap<>();
        cases.put(body + " trailing", 400);
        cases.put(body + body, 400);
        cases.put(body.replace("{\"event\":", "{\"event_id\":\"x\",\"event\":"), 400); // event_id twice
        cases.put(big, 413);
        for (var c : cases.entrySet()) {
            APIGatewayV2HTTPResponse response = function.handleRequest(post(SHOP, c.getKey(),
                    AfterShipSandbox.signature(c.getKey(), SECRET)), null);
            assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(c.getValue());
        }
        byte[] utf16 = body.getBytes(StandardCharsets.UTF_16);
        APIGatewayV2HTTPEvent inUtf16 = post(SHOP, java.util.Base64.getEncoder().encodeToString(utf16), "x");
        inUtf16.setIsBase64Encoded(true);
        inUtf16.setHeaders(Map.of("content-type", "application/json", "aftership-hmac-sha256", java.util.Base64
                .getEncoder().encodeToString(hmac(utf16))));
        APIGatewayV2HTTPResponse utf16Answer = function.handleRequest(inUtf16, null);
        assertThat(utf16Answer.getStatusCode()).isEqualTo(400);
        assertThat(reason(utf16Answer)).contains("UTF-8");

        APIGatewayV2HTTPEvent plain = sample();
        plain.setHeaders(Map.of("content-type", "text/plain", "aftership-hmac-sha256",
                AfterShipSandbox.signature(body, SECRET)));
        assertThat(function.handleRequest(plain, null).getStatusCode()).isEqualTo(415);
        assertThat(orders.find(key).orElseThrow().status()).isEqualTo(OrderStatus.WAITING_FOR_DELIVERY);

        APIGatewayV2HTTPEvent withCharset = sample();
        withCharset.setHeaders(Map.of("Content-Type", "Application/JSON; charset=utf-8", "Aftership-Hmac-Sha256",
                AfterShipSandbox.signature(body, SECRET)));
        assertThat(function.handleRequest(withCharset, null).getStatusCode()).isEqualTo(200);
        assertThat(orders.find(key).orElseThrow().status()).isEqualTo(OrderStatus.SCHEDULED);
    }

    private static byte[] hmac(byte[] body) throws Exception {
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return mac.doFinal(body);
    }

    @Test
    void theSampleEventIsAcceptedAsTheRuntimeHandsItOver() throws IOException {
        OrderKey key = waiting("1001", "k5lh7dy7vvqeck71p5loe011");
        String json = Files.readString(ProjectRoot.find().resolve("events/aftership-webhook/delivered.json"));
        APIGatewayV2HTTPEvent event = LambdaEventSerializers.serializerFor(APIGatewayV2HTTPEvent.class,
                getClass().getClassLoader()).fromJson(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));

        APIGatewayV2HTTPResponse response = function.handleRequest(event, null);

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(orders.find(key).orElseThrow().deliveredAt()).isEqualTo(Instant.parse("2026-03-08T09:00:00Z"));
    }
}
