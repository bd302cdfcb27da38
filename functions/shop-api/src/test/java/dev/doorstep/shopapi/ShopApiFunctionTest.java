package dev.doorstep.shopapi;

import static dev.doorstep.shopapi.ShopApiHarness.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.doorstep.aftership.sandbox.AfterShipSandbox;
import dev.doorstep.core.model.Order;
import dev.doorstep.core.model.OrderStatus;
import dev.doorstep.core.port.AfterShipCredentials;
import dev.doorstep.emulator.WithAwsEmulator;
import dev.doorstep.lambda.JsonLog;
import dev.doorstep.scheduling.ScheduleNames;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.scheduler.SchedulerClient;

@WithAwsEmulator
class ShopApiFunctionTest {

    static final AfterShipSandbox SANDBOX = AfterShipSandbox.start();
    static final String SHOP = "acme-tea.myshopify.com";
    static final String SETTINGS = "/shops/" + SHOP + "/settings";
    static final String REQUESTS = "/shops/" + SHOP + "/review-requests";
    static final String KEY = "as-key-acme-0001";
    static final String ON = "{\"aftershipEnabled\":true,\"aftershipApiKey\":\"" + KEY + "\",\"shopCountry\":\"US\"}";

    final ShopApiHarness api;
    final ByteArrayOutputStream logs = new ByteArrayOutputStream();

    ShopApiFunctionTest(DynamoDbClient dynamo, KmsClient kms, SchedulerClient scheduler) {
        SANDBOX.reset();
        api = new ShopApiHarness(dynamo, kms, scheduler, SANDBOX);
        JsonLog.redirect(new PrintStream(logs, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void logsHoldNoSecretOrPersonalData() {
        JsonLog.redirect(System.out);
        assertThat(logs.toString(StandardCharsets.UTF_8)).doesNotContain(KEY, "ada@example.com", "Ada Lovelace",
                "whsec-acme");
    }

    @AfterAll
    static void stop() {
        SANDBOX.close();
    }

    @Test
    void theMerchantCollectsACustomersDataExportWithThePersonalData() {
        Order order = api.storeOrder(SHOP, "5001", OrderStatus.SENT);
        Instant asked = ShopApiHarness.NOW.minusSeconds(3_600);
        api.exports.save(new dev.doorstep.core.intake.CustomerDataExport(SHOP, "c5001", asked, List.of(order)));

        APIGatewayV2HTTPResponse response = api.call("GET", "/shops/" + SHOP + "/data-exports", null);

        assertThat(response.getStatusCode()).isEqualTo(200);
        JsonNode export = ShopApiHarness.json(response).path("exports").get(0);
        assertThat(export.path("customerId").asText()).isEqualTo("c5001");
        assertThat(export.path("requestedAt").asText()).isEqualTo(asked.toString());
        assertThat(export.path("availableUntil").asText()).isEqualTo(asked.plus(java.time.Duration.ofDays(30))
                .toString());
        JsonNode o = export.path("orders").get(0);
        assertThat(o.path("orderId").asText()).isEqualTo("5001");
        assertThat(o.at("/customer/email").asText()).isEqualTo("ada@example.com");
        assertThat(o.at("/customer/name").asText()).isEqualTo("Ada Lovelace");
        assertThat(o.at("/customer/phone").asText()).isEqualTo("+15550100");
        assertThat(o.at("/products/0").asText()).isEqualTo("Tea");
        assertThat(o.at("/fulfillment/trackingNumber").asText()).isEqualTo("1Z999AA15001");
        assertThat(o.path("status").asText()).isEqualTo(OrderStatus.SENT.label());
        assertThat(ShopApiHarness.json(api.call("GET", "/shops/other.myshopify.com/data-exports", null))
                .path("exports")).isEmpty();
    }

    @Test
    @DisplayName("PUT saves every setting and the checked, encrypted key; GET shows them and never the key")
    void putThenGet() {
        String body = """
                {"aftershipEnabled": true, "aftershipApiKey": "%s", "aftershipWebhookSecret": "whsec-acme",
                 "requestsEnabled": true, "shopCountry": "de", "timeZone": "Europe/Berlin",
                 "waitDaysAfterDelivery": 4, "waitDaysAfterFulfillment": 10, "minDelayDomesticDays": 5,
                 "minDelayInternationalDays": 12, "fallbackEnabled": true, "fallbackDays": 45,
                 "trackingRetryDelay": "PT6H", "pollInterval": "PT12H", "sendPhoneToAfterShip": false,
                 "sendBuyerEmailToAfterShip": true, "sendWindow": "09:00-20:00",
                 "emailTemplate": {"subject": "How was {products}?", "body": "Hi {customer_name}", "reviewUrl": null}}
                """.formatted(KEY);

        APIGatewayV2HTTPResponse put = api.call("PUT", SETTINGS, body);

        assertThat(put.getStatusCode()).as(put.getBody()).isEqualTo(200);
        JsonNode got = json(api.call("GET", SETTINGS, null));
        assertThat(got.get("aftershipEnabled").asBoolean()).isTrue();
        assertThat(got.get("aftershipApiKeySaved").asBoolean()).isTrue();
        assertThat(got.get("shopCountry").asText()).isEqualTo("DE");
        assertThat(got.get("timeZone").asText()).isEqualTo("Europe/Berlin");
        assertThat(got.get("waitDaysAfterDelivery").asInt()).isEqualTo(4);
        assertThat(got.get("waitDaysAfterFulfillment").asInt()).isEqualTo(10);
        assertThat(got.get("minDelayDomesticDays").asInt()).isEqualTo(5);
        assertThat(got.get("minDelayInternationalDays").asInt()).isEqualTo(12);
        assertThat(got.get("fallbackDays").asInt()).isEqualTo(45);
        assertThat(got.get("trackingRetryDelay").asText()).isEqualTo("PT6H");
        assertThat(got.get("sendPhoneToAfterShip").asBoolean()).isFalse();
        assertThat(got.get("sendBuyerEmailToAfterShip").asBoolean()).isTrue();
        assertThat(got.get("sendWindow").asText()).isEqualTo("09:00-20:00");
        assertThat(got.at("/emailTemplate/subject").asText()).isEqualTo("How was {products}?");
        assertThat(put.getBody() + got).doesNotContain(KEY, "whsec-acme");
        // stored as KMS ciphertexts bound to the shop, checked with AfterShip first
        AfterShipCredentials stored = api.credentials.find(SHOP).orElseThrow();
        assertThat(new String(stored.apiKey(), StandardCharsets.ISO_8859_1)).doesNotContain(KEY);
        assertThat(api.cipher.decryptApiKey(SHOP, stored.apiKey())).isEqualTo(KEY);
        assertThat(api.cipher.decryptWebhookSecret(SHOP, stored.webhookSecret())).isEqualTo("whsec-acme");
        assertThat(SANDBOX.requests(KEY)).anyMatch(r -> r.path().endsWith("/couriers"));
        assertThat(api.shops.shopsWithDeliveryTracking()).contains(SHOP);
    }

    @Test
    void aPutChangesOnlyTheSettingsItNames() {
        api.call("PUT", SETTINGS, ON);

        APIGatewayV2HTTPResponse put = api.call("PUT", SETTINGS, "{\"waitDaysAfterDelivery\": 6}");

        JsonNode got = json(put);
        assertThat(got.get("waitDaysAfterDelivery").asInt()).isEqualTo(6);
        assertThat(got.get("shopCountry").asText()).isEqualTo("US");
        assertThat(got.get("aftershipEnabled").asBoolean()).isTrue();
        assertThat(got.get("aftershipApiKeySaved").asBoolean()).isTrue();
    }

    @Test
    @DisplayName("a key AfterShip refuses: 400 naming aftershipApiKey, nothing saved")
    void refusedKey() {
        APIGatewayV2HTTPResponse put = api.call("PUT", SETTINGS,
                "{\"aftershipEnabled\":true,\"aftershipApiKey\":\"invalid-key-0001\"}");

        assertThat(put.getStatusCode()).isEqualTo(400);
        assertThat(json(put).get("field").asText()).isEqualTo("aftershipApiKey");
        assertThat(json(put).get("reason").asText()).contains("AfterShip refused");
        assertThat(api.call("GET", SETTINGS, null).getStatusCode()).isEqualTo(404);
        assertThat(api.credentials.find(SHOP)).isEmpty();
    }

    @Test
    @DisplayName("AfterShip down while the key is checked: 503, nothing saved")
    void aftershipDown() {
        SANDBOX.failNext(KEY, 503, 5);

        APIGatewayV2HTTPResponse put = api.call("PUT", SETTINGS, ON);

        assertThat(put.getStatusCode()).isEqualTo(503);
        assertThat(json(put).get("reason").asText()).contains("nothing was saved");
        assertThat(api.shops.find(SHOP)).isEmpty();
        assertThat(api.credentials.find(SHOP)).isEmpty();
    }

    @ParameterizedTest(name = "{0} -> 400 naming {1}")
    @CsvSource(delimiter = '|', value = {
            "{\"waitDaysAfterDelivery\": -1}                     | waitDaysAfterDelivery",
            "{\"waitDaysAfterDelivery\": 2.5}                    | waitDaysAfterDelivery",
            "{\"minDelayInternationalDays\": 400}                | minDelayInternationalDays",
            "{\"fallbackDays\": 5}                               | fallbackDays",
            "{\"timeZone\": \"Mars/Olympus\"}                    | timeZone",
            "{\"shopCountry\": \"USA\"}                          | shopCountry",
            "{\"sendWindow\": \"20:00-09:00\"}                   | sendWindow",
            "{\"sendWindow\": \"all day\"}                       | sendWindow",
            "{\"requestsEnabled\": \"yes\"}                      | requestsEnabled",
            "{\"trackingRetryDelay\": \"12 hours\"}              | trackingRetryDelay",
            "{\"waitDays\": 3}                                   | waitDays",
            "{\"emailTemplate\": {\"title\": \"x\"}}             | emailTemplate.title",
            "{\"shop\": \"other.myshopify.com\"}                 | shop",
            "{\"aftershipEnabled\": true}                        | aftershipApiKey",
            "{\"aftershipEnabled\": true, \"aftershipApiKey\": \" \"} | aftershipApiKey",
            "{\"aftershipApiKey\": \"as-key-1\"}                 | aftershipApiKey",
    })
    void badValuesAreRefusedNamingTheFieldAndNothingIsSaved(String body, String field) {
        APIGatewayV2HTTPResponse put = api.call("PUT", SETTINGS, body);

        assertThat(put.getStatusCode()).as(put.getBody()).isEqualTo(400);
        assertThat(json(put).get("field").asText()).isEqualTo(field);
        assertThat(json(put).get("reason").asText()).isNotBlank();
        assertThat(json(put).get("errors")).as("one bad field, one error").hasSize(1);
        assertThat(json(put).at("/errors/0/field").asText()).isEqualTo(field);
        assertThat(json(put).at("/errors/0/reason").asText()).isEqualTo(json(put).get("reason").asText());
        assertThat(api.shops.find(SHOP)).isEmpty();
    }

    @Test
    @DisplayName("several bad fields: one 400 names every one (field and reason still the first), nothing is written")
    void everyBadFieldIsNamedInOneAnswerAndNothingIsWritten() {
        api.call("PUT", SETTINGS, ON);
        JsonNode before = json(api.call("GET", SETTINGS, null));

        APIGatewayV2HTTPResponse put = api.call("PUT", SETTINGS, """
                {"waitDaysAfterDelivery": 9, "timeZone": "Mars/Olympus", "minDelayDomesticDays": -1,
                 "sendWindow": "all day", "replyTo": "not an address", "requestsEnabled": false}""");

        assertThat(put.getStatusCode()).as(put.getBody()).isEqualTo(400);
        JsonNode answer = json(put);
        assertThat(answer.get("status").asText()).isEqualTo("rejected");
        assertThat(answer.get("errors")).extracting(e -> e.get("field").asText())
                .containsExactlyInAnyOrder("timeZone", "minDelayDomesticDays", "sendWindow", "replyTo");
        assertThat(answer.get("errors")).allSatisfy(e -> assertThat(e.get("reason").asText()).isNotBlank());
        assertThat(answer.get("field").asText()).isEqualTo(answer.at("/errors/0/field").asText());
        assertThat(answer.get("reason").asText()).isEqualTo(answer.at("/errors/0/reason").asText());
        assertThat(answer.toString()).contains("IANA time zone", "between 0 and 365", "HH:MM-HH:MM",
                "plain email address");
        // The good fields beside them are not written either.
        assertThat(json(api.call("GET", SETTINGS, null))).isEqualTo(before);
    }

    @Test
    @DisplayName("bad fields and a key AfterShip refuses: all named at once, no shop, no key stored")
    void badFieldsAndARefusedKeyAreNamedTogether() {
        APIGatewayV2HTTPResponse put = api.call("PUT", SETTINGS, """
                {"aftershipEnabled": true, "aftershipApiKey": "invalid-key-0001", "fallbackDays": 5,
                 "shopCountry": "USA"}""");

        assertThat(put.getStatusCode()).as(put.getBody()).isEqualTo(400);
        assertThat(json(put).get("errors")).extracting(e -> e.get("field").asText())
                .containsExactlyInAnyOrder("fallbackDays", "shopCountry", "aftershipApiKey");
        assertThat(json(put).toString()).contains("AfterShip refused");
        assertThat(api.shops.find(SHOP)).isEmpty();
        assertThat(api.credentials.find(SHOP)).isEmpty();
    }

    @Test
    @DisplayName("bad fields while AfterShip is down: 400 naming the fields (a 503 would hide them), nothing saved")
    void badFieldsWhileAfterShipIsDownAreStillNamed() {
        SANDBOX.failNext(KEY, 503, 5);

        APIGatewayV2HTTPResponse put = api.call("PUT", SETTINGS, """
                {"aftershipEnabled": true, "aftershipApiKey": "%s", "waitDaysAfterFulfillment": 400}"""
                .formatted(KEY));

        assertThat(put.getStatusCode()).as(put.getBody()).isEqualTo(400);
        assertThat(json(put).get("errors")).extracting(e -> e.get("field").asText())
                .containsExactly("waitDaysAfterFulfillment");
        assertThat(api.shops.find(SHOP)).isEmpty();
        assertThat(api.credentials.find(SHOP)).isEmpty();
    }

    @ParameterizedTest(name = "body {0} -> 400")
    @CsvSource(delimiter = '|', value = {"{\"waitDaysAfterDelivery\": ", "[1,2]", "\"text\"", "''"})
    void bodiesThatAreNotAJsonObjectAreRefused(String body) {
        APIGatewayV2HTTPResponse put = api.call("PUT", SETTINGS, body);

        assertThat(put.getStatusCode()).isEqualTo(400);
        assertThat(json(put).get("status").asText()).isEqualTo("rejected");
        // The whole body is at fault: its one error names no field.
        assertThat(json(put).at("/errors/0/field").isNull()).isTrue();
        assertThat(json(put).at("/errors/0/reason").asText()).isEqualTo(json(put).get("reason").asText());
        assertThat(api.shops.find(SHOP)).isEmpty();
    }

    @Test
    void routesAndShopsThatDoNotExist() {
        assertThat(api.call("GET", "/shops/acme/tea/settings", null).getStatusCode()).isEqualTo(404);
        assertThat(api.call("GET", "/shops/not a shop/settings", null).getStatusCode()).isEqualTo(404);
        assertThat(api.call("GET", "/shops/evil.example.com/settings", null).getStatusCode()).isEqualTo(404);
        assertThat(api.call("GET", SETTINGS, null).getStatusCode()).isEqualTo(404);
        assertThat(api.call("GET", REQUESTS, null).getStatusCode()).isEqualTo(404);
        assertThat(api.call("POST", SETTINGS, "{}").getStatusCode()).isEqualTo(405);
        assertThat(api.call("DELETE", REQUESTS, null).getStatusCode()).isEqualTo(405);
    }

    @Test
    @DisplayName("switching AfterShip off times every waiting order from fulfillment at once (the seed strands them)")
    void switchingOffMovesWaitingOrders() {
        api.call("PUT", SETTINGS, ON);
        Order waiting = api.storeOrder(SHOP, "1001", OrderStatus.WAITING_FOR_DELIVERY);
        Order retrying = api.storeOrder(SHOP, "1002", OrderStatus.TRACKING_RETRY);
        Order scheduled = api.storeOrder(SHOP, "1003", OrderStatus.SCHEDULED);

        APIGatewayV2HTTPResponse put = api.call("PUT", SETTINGS, "{\"aftershipEnabled\": false}");

        assertThat(put.getStatusCode()).as(put.getBody()).isEqualTo(200);
        assertThat(json(put).get("ordersMovedToFulfillmentTiming").asInt()).isEqualTo(2);
        // The key stays (issue 20): switching back on asks for nothing.
        assertThat(json(put).get("aftershipApiKeySaved").asBoolean()).isTrue();
        for (Order o : List.of(waiting, retrying)) {
            Order now = api.orders.find(o.key()).orElseThrow();
            assertThat(now.status()).isEqualTo(OrderStatus.SCHEDULED);
            assertThat(now.statusReason()).contains("switched off");
            // fulfilled + 7 days has already passed: send now
            assertThat(now.sendAt()).isEqualTo(ShopApiHarness.NOW);
            var schedule = api.scheduler.getSchedule(b -> b.groupName(api.group).name(ScheduleNames.of(o.key())));
            assertThat(schedule.scheduleExpression()).startsWith("at(2026-03-10T12:");
        }
        assertThat(api.orders.find(scheduled.key()).orElseThrow().version()).isEqualTo(scheduled.version());
        assertThat(api.shops.shopsWithDeliveryTracking()).doesNotContain(SHOP);
        assertThat(api.credentials.find(SHOP)).isPresent();
        APIGatewayV2HTTPResponse backOn = api.call("PUT", SETTINGS, "{\"aftershipEnabled\": true}");
        assertThat(backOn.getStatusCode()).as(backOn.getBody()).isEqualTo(200);
        assertThat(api.shops.shopsWithDeliveryTracking()).contains(SHOP);
    }

    @Test
    @DisplayName("the dashboard's list: status labels, reasons and times, filtered and paged, no customer data")
    void reviewRequests() {
        api.call("PUT", SETTINGS, ON);
        api.storeOrder(SHOP, "2001", OrderStatus.WAITING_FOR_DELIVERY);
        api.storeOrder(SHOP, "2002", OrderStatus.SCHEDULED);
        api.storeOrder(SHOP, "2003", OrderStatus.WAITING_FOR_DELIVERY);
        api.storeOrder(SHOP, "2004", OrderStatus.SENT);
        api.storeOrder(SHOP, "2005", OrderStatus.WAITING_FOR_DELIVERY);
        api.storeOrder("other-shop.myshopify.com", "2006", OrderStatus.WAITING_FOR_DELIVERY);

        APIGatewayV2HTTPResponse all = api.call("GET", REQUESTS, null);
        assertThat(all.getStatusCode()).isEqualTo(200);
        assertThat(json(all).get("reviewRequests")).hasSize(5);
        assertThat(all.getBody()).doesNotContain("ada@example.com", "Ada Lovelace", "+15550100");

        List<String> waiting = new ArrayList<>();
        String cursor = null;
        int calls = 0;
        do {
            Map<String, String> query = cursor == null ? Map.of("status", "waiting_for_delivery", "limit", "2")
                    : Map.of("status", "waiting_for_delivery", "limit", "2", "cursor", cursor);
            JsonNode page = json(api.call("GET", REQUESTS, null, query));
            assertThat(page.get("reviewRequests").size()).isLessThanOrEqualTo(2);
            for (JsonNode r : page.get("reviewRequests")) {
                waiting.add(r.get("orderId").asText());
                assertThat(r.get("statusLabel").asText()).isEqualTo("Waiting for delivery");
                assertThat(r.get("reason").asText()).isEqualTo("AfterShip tracking created");
                assertThat(r.get("fulfilledAt").asText()).isEqualTo("2026-03-02T10:00:00Z");
            }
            cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asText();
        } while (cursor != null && ++calls < 10);
        assertThat(waiting).containsExactly("2005", "2003", "2001");

        JsonNode sent = json(api.call("GET", REQUESTS, null, Map.of("status", "SENT,SCHEDULED")));
        assertThat(sent.get("reviewRequests")).extracting(r -> r.get("statusLabel").asText())
                .containsExactly("Sent", "Will send");
        assertThat(sent.at("/reviewRequests/1/sendAt").asText()).isEqualTo("2026-03-09T10:00:00Z");
        assertThat(sent.at("/reviewRequests/1/sendReason").asText()).isEqualTo("FULFILLMENT_BASED");
    }

    @Test
    @DisplayName("the status filter takes the labels the answers show as well as the internal names")
    void statusFilterTakesLabels() {
        api.call("PUT", SETTINGS, ON);
        api.storeOrder(SHOP, "3001", OrderStatus.WAITING_FOR_DELIVERY);
        api.storeOrder(SHOP, "3002", OrderStatus.SCHEDULED);
        api.storeOrder(SHOP, "3003", OrderStatus.SENT);

        JsonNode byLabel = json(api.call("GET", REQUESTS, null, Map.of("status", "Will send,sent")));
        JsonNode byName = json(api.call("GET", REQUESTS, null, Map.of("status", "SCHEDULED,SENT")));

        assertThat(byLabel.get("reviewRequests")).extracting(r -> r.get("orderId").asText())
                .containsExactly("3003", "3002");
        assertThat(byLabel.get("reviewRequests")).isEqualTo(byName.get("reviewRequests"));
        APIGatewayV2HTTPResponse unknown = api.call("GET", REQUESTS, null, Map.of("status", "Delivered"));
        assertThat(unknown.getStatusCode()).isEqualTo(400);
        assertThat(json(unknown).toString()).contains("SCHEDULED (Will send)");
    }

    @Test
    @DisplayName("split-shipment timing: FIRST by default, LAST when set and stored, anything else 400 and unchanged")
    void splitShipmentTimingIsASetting() {
        api.call("PUT", SETTINGS, ON);
        assertThat(json(api.call("GET", SETTINGS, null)).get("splitShipmentTiming").asText()).isEqualTo("FIRST");

        APIGatewayV2HTTPResponse last = api.call("PUT", SETTINGS, "{\"splitShipmentTiming\": \"LAST\"}");
        APIGatewayV2HTTPResponse bad = api.call("PUT", SETTINGS,
                "{\"splitShipmentTiming\": \"EVERY\", \"waitDaysAfterDelivery\": 9}");

        assertThat(json(last).get("splitShipmentTiming").asText()).isEqualTo("LAST");
        assertThat(bad.getStatusCode()).isEqualTo(400);
        assertThat(json(bad).get("field").asText()).isEqualTo("splitShipmentTiming");
        JsonNode stored = json(api.call("GET", SETTINGS, null));
        assertThat(stored.get("splitShipmentTiming").asText()).isEqualTo("LAST");
        assertThat(stored.get("waitDaysAfterDelivery").asInt()).isNotEqualTo(9);
    }

    @Test
    @DisplayName("a shop that never set its time zone reads UTC, as documented, not Z")
    void defaultTimeZoneReadsUtc() {
        api.call("PUT", SETTINGS, ON);

        assertThat(json(api.call("GET", SETTINGS, null)).get("timeZone").asText()).isEqualTo("UTC");
    }

    @ParameterizedTest(name = "{0}={1} -> 400")
    @CsvSource({"status,DELIVERED", "limit,0", "limit,500", "limit,many", "cursor,ORDER#1/../x"})
    void badListParametersAreRefusedNamingThem(String name, String value) {
        api.call("PUT", SETTINGS, ON);

        APIGatewayV2HTTPResponse list = api.call("GET", REQUESTS, null, Map.of(name, value));

        assertThat(list.getStatusCode()).isEqualTo(400);
        assertThat(json(list).get("field").asText()).isEqualTo(name);
    }
}
