package dev.doorstep.webhook.shopify;

import static dev.doorstep.webhook.shopify.WebhookHarness.body;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import dev.doorstep.emulator.WithAwsEmulator;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Every bad input: a 4xx with a short reason, and nothing written (the table holds only the shop). */
@WithAwsEmulator
class ShopifyWebhookBadInputTest {

    private final WebhookHarness harness;

    ShopifyWebhookBadInputTest(DynamoDbClient dynamo) {
        harness = new WebhookHarness(dynamo);
    }

    private void assertRejected(APIGatewayV2HTTPEvent event, int status, String reason) {
        var response = harness.send(event);
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(status);
        assertThat(body(response).get("status").asText()).isEqualTo("rejected");
        assertThat(body(response).get("reason").asText()).contains(reason);
        assertThat(harness.itemKeys()).isEqualTo(WebhookHarness.shopOnly());
        assertThat(harness.scheduler.schedules()).isEmpty();
    }

    private static APIGatewayV2HTTPEvent fulfillment() {
        return Deliveries.sample("fulfillments-create");
    }

    private static APIGatewayV2HTTPEvent withSignedBody(String sample, String body) {
        return Deliveries.withBody(Deliveries.sample(sample), body, Deliveries.SECRET);
    }

    static Stream<String> samples() {
        return Stream.of("fulfillments-create", "orders-fulfilled", "orders-cancelled", "refunds-create",
                "app-uninstalled", "customers-data-request", "customers-redact", "shop-redact");
    }

    @ParameterizedTest
    @MethodSource("samples")
    void aWrongSignatureIs401OnEveryTopicIncludingCompliance(String sample) {
        assertRejected(Deliveries.signed(Deliveries.sample(sample), "not-the-app-secret"), 401, "HMAC");
    }

    @Test
    void aBodyChangedAfterSigningIs401() {
        var event = fulfillment();
        event.setBody(event.getBody().replace("1234567890", "1234567891"));
        assertRejected(event, 401, "HMAC");
    }

    @Test
    void aMissingSignatureIs400() {
        assertRejected(Deliveries.withHeader(fulfillment(), "x-shopify-hmac-sha256", null), 400,
                "x-shopify-hmac-sha256");
    }

    @ParameterizedTest
    @MethodSource("requiredHeaders")
    void eachMissingRequiredHeaderIs400(String header) {
        assertRejected(Deliveries.withHeader(fulfillment(), header, null), 400, header);
    }

    static Stream<String> requiredHeaders() {
        return Stream.of("x-shopify-topic", "x-shopify-shop-domain", "x-shopify-api-version", "x-shopify-webhook-id");
    }

    @Test
    void noHeadersAtAllIs400() {
        var event = fulfillment();
        event.setHeaders(null);
        assertRejected(event, 400, "missing header");
    }

    @Test
    void aWrongContentTypeIs415() {
        assertRejected(Deliveries.withHeader(fulfillment(), "content-type", "application/x-www-form-urlencoded"), 415,
                "application/json");
        assertRejected(Deliveries.withHeader(fulfillment(), "content-type", null), 415, "application/json");
        for (String parametersOnly : new String[] {";", " ; ", ";charset=utf-8", ";;"}) {
            assertRejected(Deliveries.withHeader(fulfillment(), "content-type", parametersOnly), 415,
                    "application/json");
        }
    }

    @Test
    void aJsonContentTypeWithCharsetIsFine() {
        var response = harness.send(Deliveries.withHeader(fulfillment(), "content-type",
                "application/json; charset=utf-8"));
        assertThat(response.getStatusCode()).isEqualTo(200);
    }

    @Test
    void aBodyOverOneMegabyteIs413EvenWhenSigned() {
        String padded = fulfillment().getBody().replace("\"receipt\":{}",
                "\"receipt\":{\"note\":\"" + "x".repeat(WebhookRequest.MAX_BODY_BYTES) + "\"}");
        assertRejected(withSignedBody("fulfillments-create", padded), 413, "bytes");
    }

    @Test
    void aBodyJustUnderOneMegabyteIsAccepted() {
        String body = fulfillment().getBody();
        String padded = body.replace("\"receipt\":{}", "\"receipt\":{\"note\":\""
                + "x".repeat(WebhookRequest.MAX_BODY_BYTES - body.length() - 20) + "\"}");
        assertThat(harness.send(withSignedBody("fulfillments-create", padded)).getStatusCode()).isEqualTo(200);
    }

    @Test
    void sizeIsCheckedBeforeHeadersAndHeadersBeforeTheSignature() {
        var large = fulfillment();
        large.setBody("x".repeat(WebhookRequest.MAX_BODY_BYTES + 1));
        large.setHeaders(null);
        assertRejected(large, 413, "bytes");

        assertRejected(Deliveries.withHeader(Deliveries.signed(fulfillment(), "wrong"), "x-shopify-topic", null), 400,
                "x-shopify-topic");
    }

    @Test
    void truncatedJsonIs400() {
        String body = fulfillment().getBody();
        assertRejected(withSignedBody("fulfillments-create", body.substring(0, body.length() / 2)), 400,
                "not valid JSON");
    }

    @Test
    void malformedJsonIs400() {
        assertRejected(withSignedBody("fulfillments-create", "{\"order_id\": 5710293847561,,}"), 400, "not valid JSON");
        assertRejected(withSignedBody("orders-fulfilled", "{\"id\":1} trailing"), 400, "not valid JSON");
        assertRejected(withSignedBody("orders-fulfilled", "[1,2,3]"), 400, "JSON object");
        assertRejected(withSignedBody("orders-fulfilled", ""), 400, "JSON");
    }

    @Test
    void anInvalidBase64BodyIs400() {
        var event = fulfillment();
        event.setIsBase64Encoded(true);
        event.setBody("%%%not base64%%%");
        assertRejected(event, 400, "base64");
    }

    @Test
    void anUnknownShopIs404() {
        var event = Deliveries.withHeader(fulfillment(), "x-shopify-shop-domain", "stranger.myshopify.com");
        assertRejected(Deliveries.signed(event, Deliveries.SECRET), 404, "shop not installed");
    }

    @Test
    void aShopDomainThatIsNotMyshopifyIs400() {
        assertRejected(Deliveries.withHeader(fulfillment(), "x-shopify-shop-domain", "evil.example.com"), 400,
                "myshopify.com");
    }

    @Test
    void anUnreadableTriggeredAtIs400() {
        assertRejected(Deliveries.withHeader(fulfillment(), "x-shopify-triggered-at", "yesterday"), 400,
                "x-shopify-triggered-at");
    }

    @ParameterizedTest
    @MethodSource("wrongTypes")
    void fieldsOfTheWrongTypeAre400(String sample, String from, String to, String reason) {
        String body = Deliveries.sample(sample).getBody();
        assertThat(body).contains(from);
        assertRejected(withSignedBody(sample, body.replace(from, to)), 400, reason);
    }

    static Stream<Arguments> wrongTypes() {
        return Stream.of(
                Arguments.of("fulfillments-create", "\"order_id\":5710293847561", "\"order_id\":{\"id\":1}", "order_id"),
                Arguments.of("fulfillments-create", "\"order_id\":5710293847561", "\"order_id\":null", "order_id"),
                Arguments.of("fulfillments-create", "\"created_at\":\"2026-03-11T16:04:12+01:00\"",
                        "\"created_at\":1773241452", "created_at"),
                Arguments.of("fulfillments-create", "\"created_at\":\"2026-03-11T16:04:12+01:00\"",
                        "\"created_at\":\"last tuesday\"", "created_at"),
                Arguments.of("fulfillments-create", "\"tracking_numbers\":[\"1234567890\"]",
                        "\"tracking_numbers\":\"1234567890\"", "tracking_numbers"),
                Arguments.of("fulfillments-create", "\"tracking_company\":\"DHL Express\"", "\"tracking_company\":42",
                        "tracking_company"),
                Arguments.of("fulfillments-create", "\"country_code\":\"DE\"", "\"country_code\":\"Germany\"",
                        "country_code"),
                Arguments.of("orders-fulfilled", "\"fulfillments\":[", "\"fulfillments\":\"none\",\"x\":[", "fulfillments"),
                Arguments.of("orders-fulfilled", "\"customer\":{", "\"customer\":\"191167\",\"x\":{", "customer"),
                Arguments.of("refunds-create", "\"quantity\":1,\"line_item_id\"", "\"quantity\":\"one\",\"line_item_id\"",
                        "quantity"),
                Arguments.of("customers-redact", "\"orders_to_redact\":[5710293847561]",
                        "\"orders_to_redact\":[\"five\"]", "orders_to_redact"),
                Arguments.of("customers-data-request", "\"shop_domain\":\"acme-outdoor.myshopify.com\"",
                        "\"shop_domain\":\"someone-else.myshopify.com\"", "shop_domain"));
    }
}
