package dev.doorstep.webhook.aftership;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import dev.doorstep.aftership.KmsApiKeyCipher;
import dev.doorstep.aftership.sandbox.AfterShipSandbox;
import dev.doorstep.core.delivery.DeliveryUpdates;
import dev.doorstep.core.model.Customer;
import dev.doorstep.core.model.Fulfillment;
import dev.doorstep.core.model.Order;
import dev.doorstep.core.model.OrderKey;
import dev.doorstep.core.model.OrderStatus;
import dev.doorstep.core.model.Shop;
import dev.doorstep.core.model.ShopSettings;
import dev.doorstep.core.planning.ReviewRequestPlanner;
import dev.doorstep.core.port.AfterShipCredentials;
import dev.doorstep.core.port.ReviewRequestScheduler;
import dev.doorstep.core.timing.TimingPolicy;
import dev.doorstep.emulator.ProjectRoot;
import dev.doorstep.emulator.WithAwsEmulator;
import dev.doorstep.lambda.Json;
import dev.doorstep.store.DoorstepTable;
import dev.doorstep.store.DynamoDbAfterShipCredentialStore;
import dev.doorstep.store.DynamoDbOrderStore;
import dev.doorstep.store.DynamoDbReceiptLog;
import dev.doorstep.store.DynamoDbShopStore;
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
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
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
    static final Instant FULFILLED = Instant.parse("2026-03-02T10:00:00Z");
    static final Instant NOW = Instant.parse("2026-03-08T09:05:00Z");

    final String table = "webhook-" + UUID.randomUUID();
    final DynamoDbOrderStore orders;
    final DynamoDbReceiptLog receipts;
    final Map<OrderKey, Instant> schedules = new ConcurrentHashMap<>();
    final AfterShipWebhookFunction function;

    AfterShipWebhookFunctionTest(DynamoDbClient dynamo, KmsClient kms) {
        DoorstepTable.create(dynamo, table);
        orders = new DynamoDbOrderStore(dynamo, table);
        receipts = new DynamoDbReceiptLog(dynamo, table, Clock.fixed(NOW, ZoneOffset.UTC)); // receipts expire on the same clock
        var shops = new DynamoDbShopStore(dynamo, table);
        shops.save(Shop.installed(ShopSettings.defaults(SHOP).toBuilder().shopCountry("US").aftershipEnabled(true)
                .build()));
        var cipher = new KmsApiKeyCipher(kms, kms.createKey(b -> b.description("aftership keys")).keyMetadata().keyId());
        var credentials = new DynamoDbAfterShipCredentialStore(dynamo, table);
        credentials.save(SHOP, new AfterShipCredentials(cipher.encrypt(SHOP, API_KEY), cipher.encrypt(SHOP, SECRET)));
        credentials.save("no-secret.myshopify.com", new AfterShipCredentials(cipher.encrypt(SHOP, API_KEY), null));
        ReviewRequestScheduler scheduler = new ReviewRequestScheduler() {
            @Override
            public void schedule(OrderKey order, Instant sendAt, ZoneId zone) {
                schedules.put(order, sendAt);
            }

            @Override
            public void cancel(OrderKey order) {
                schedules.remove(order);
            }
        };
        var policy = new TimingPolicy();
        var planner = new ReviewRequestPlanner(policy, orders, scheduler);
        function = new AfterShipWebhookFunction(new StoredWebhookSecrets(credentials, cipher), receipts, orders,
                new DeliveryUpdates(orders, shops, policy, planner), Clock.fixed(NOW, ZoneOffset.UTC));
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
        assertThat(unknown.getStatusCode()).isEqualTo(404);
        assertThat(noSecret.getStatusCode()).isEqualTo(401);
        assertThat(reason(noSecret)).contains("no AfterShip webhook secret");
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
