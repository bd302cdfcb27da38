package dev.doorstep.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.doorstep.aftership.AfterShipClient;
import dev.doorstep.aftership.AfterShipConfig;
import dev.doorstep.aftership.KmsApiKeyCipher;
import dev.doorstep.aftership.sandbox.AfterShipSandbox;
import dev.doorstep.core.model.Shop;
import dev.doorstep.core.model.ShopSettings;
import dev.doorstep.emulator.WithAwsEmulator;
import dev.doorstep.shopapi.AfterShipCouriersKeyCheck;
import dev.doorstep.shopapi.ShopApiFunction;
import dev.doorstep.store.DoorstepTable;
import dev.doorstep.store.DynamoDbAfterShipCredentialStore;
import dev.doorstep.store.DynamoDbOrderStore;
import dev.doorstep.store.DynamoDbShopStore;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kms.KmsClient;

/**
 * Bad requests to the shop API (IAM-authenticated in AWS, so these come from a merchant's own tooling or
 * a bug): every one a 4xx with a reason, never a 5xx, and the stored settings untouched.
 */
@WithAwsEmulator
class ShopApiBadInputTest {

    static final AfterShipSandbox SANDBOX = AfterShipSandbox.start();
    static final String SHOP = "acme-tea.myshopify.com";
    static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");

    private final DynamoDbClient dynamo;
    private final String table = "doorstep-" + UUID.randomUUID();
    private final ShopApiFunction function;

    ShopApiBadInputTest(DynamoDbClient dynamo, KmsClient kms) {
        this.dynamo = dynamo;
        DoorstepTable.create(dynamo, table);
        var shops = new DynamoDbShopStore(dynamo, table);
        shops.save(Shop.installed(ShopSettings.defaults(SHOP).toBuilder().shopCountry("US").build()));
        var cipher = new KmsApiKeyCipher(kms, kms.createKey(b -> b.description("AfterShip keys")).keyMetadata().keyId());
        function = new ShopApiFunction(shops, new DynamoDbOrderStore(dynamo, table),
                new DynamoDbAfterShipCredentialStore(dynamo, table),
                new AfterShipCouriersKeyCheck(new AfterShipClient(AfterShipConfig.defaults(SANDBOX.baseUrl())
                        .withTimeouts(Duration.ofMillis(800), Duration.ofMillis(20)).withAttempts(2, 1))),
                cipher, new CountingScheduler(), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @AfterAll
    static void stop() {
        SANDBOX.close();
    }

    static Stream<Arguments> badRequests() {
        List<Arguments> cases = new ArrayList<>();
        String settings = "/shops/" + SHOP + "/settings";
        for (String path : List.of("/", "/shops", "/shops/" + SHOP, "/shops/" + SHOP + "/orders",
                "/shops/" + SHOP + "/settings/extra", "/SHOPS/" + SHOP + "/settings", "/shops//settings",
                "/shops/" + SHOP + "/../settings")) {
            cases.add(Arguments.of("GET " + path, "GET", path, null, false, 404));
        }
        for (String method : List.of("POST", "DELETE", "PATCH", "HEAD", "OPTIONS", "")) {
            cases.add(Arguments.of(method + " settings", method, settings, "{}", false, 405));
        }
        for (String shop : List.of("evil.example.com", "acme_tea.myshopify.com", "-acme.myshopify.com",
                "acme.myshopify.com.evil.example", "%2e%2e", "\u0430cme-tea.myshopify.com")) {
            // not a lowercase myshopify.com domain: no such resource (IAM matched the path as written)
            cases.add(Arguments.of("shop " + shop, "GET", "/shops/" + shop + "/settings", null, false, 404));
        }
        cases.add(Arguments.of("settings of an unknown shop", "GET", "/shops/stranger.myshopify.com/settings", null,
                false, 404));
        for (String body : List.of("", " ", "null", "[]", "42", "\"text\"", "{", "{\"a\":}", "{'a':1}",
                "{\"aftershipEnabled\":true,}", "{\"waitDaysAfterDelivery\":\"three\"}",
                "{\"waitDaysAfterDelivery\":-1}", "{\"waitDaysAfterDelivery\":1e400}",
                "{\"waitDaysAfterDelivery\":99999999999999999999}", "{\"waitDaysAfterDelivery\":2.5}",
                "{\"requestsEnabled\":\"yes\"}", "{\"fallbackDays\":null}", "{\"timeZone\":\"Mars/Olympus_Mons\"}",
                "{\"timeZone\":42}", "{\"shopCountry\":\"Germany\"}", "{\"shopCountry\":\"\u0414\u0415\"}",
                "{\"trackingRetryDelay\":\"12 hours\"}", "{\"pollInterval\":\"-PT12H\"}", "{\"sendWindow\":\"25:00-26:00\"}",
                "{\"sendWindow\":42}", "{\"emailTemplate\":\"hi\"}", "{\"emailTemplate\":{\"subject\":7}}",
                "{\"emailTemplate\":{\"unknown\":\"x\"}}", "{\"shop\":\"other.myshopify.com\"}", "{\"noSuchSetting\":1}",
                "{\"aftershipEnabled\":true,\"aftershipApiKey\":42}",
                "{\"aftershipEnabled\":true,\"aftershipApiKey\":\"\"}",
                "{\"aftershipEnabled\":true,\"aftershipApiKey\":\"invalid-key-0001\"}",
                "{\"minDelayDomesticDays\":{}}", "{\"sendBuyerEmailToAfterShip\":[true]}",
                "{\"waitDaysAfterDelivery\":3,\"waitDaysAfterDelivery\":\"x\"}")) {
            cases.add(Arguments.of("PUT " + body, "PUT", settings, body, false, 400));
        }
        cases.add(Arguments.of("PUT body over 64 KiB", "PUT", settings,
                "{\"emailTemplate\":{\"body\":\"" + "x".repeat(70_000) + "\"}}", false, 400));
        cases.add(Arguments.of("PUT base64 that is not", "PUT", settings, "%%%", true, 400));
        cases.add(Arguments.of("PUT base64 of broken JSON", "PUT", settings,
                Base64.getEncoder().encodeToString("{\"a\":".getBytes(StandardCharsets.UTF_8)), true, 400));
        cases.add(Arguments.of("PUT invalid UTF-8", "PUT", settings,
                Base64.getEncoder().encodeToString(new byte[] {'{', '"', (byte) 0xC3, '"', ':', '1', '}'}), true, 400));
        for (String q : List.of("status=NOPE", "limit=0", "limit=-5", "limit=abc", "limit=100000", "cursor=%%%")) {
            String[] kv = q.split("=", 2);
            cases.add(Arguments.of("review-requests ?" + q, "GET", "/shops/" + SHOP + "/review-requests", null, false,
                    400, Map.of(kv[0], kv[1])));
        }
        return cases.stream().map(a -> a.get().length == 6
                ? Arguments.of(a.get()[0], a.get()[1], a.get()[2], a.get()[3], a.get()[4], a.get()[5], Map.of())
                : a);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRequests")
    void everyBadRequestIsA4xxWithAReasonAndChangesNothing(String name, String method, String path, String body,
            boolean base64, int status, Map<String, String> query) {
        List<String> before = snapshot();

        APIGatewayV2HTTPResponse response = function.handleRequest(request(method, path, body, base64, query), null);

        String why = name + " -> " + response.getStatusCode() + " " + response.getBody();
        assertThat(response.getStatusCode()).as(why).isEqualTo(status);
        assertThat(WebhookTable.json(response).path("reason").asText()).as(why).isNotBlank();
        assertThat(snapshot()).as(why).isEqualTo(before);
    }

    private List<String> snapshot() {
        return dynamo.scan(b -> b.tableName(table).consistentRead(true)).items().stream()
                .map(i -> new java.util.TreeMap<>(i).toString()).sorted().toList();
    }

    private static APIGatewayV2HTTPEvent request(String method, String path, String body, boolean base64,
            Map<String, String> query) {
        return APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0")
                .withRouteKey(method + " " + path)
                .withRawPath(path)
                .withHeaders(Map.of("content-type", "application/json"))
                .withQueryStringParameters(query.isEmpty() ? null : query)
                .withBody(body)
                .withIsBase64Encoded(base64)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod(method).withPath(path)
                                .build())
                        .build())
                .build();
    }
}
