package dev.doorstep.webhook.shopify;

import static dev.doorstep.webhook.shopify.WebhookHarness.ORDER;
import static dev.doorstep.webhook.shopify.WebhookHarness.SHOP;
import static dev.doorstep.webhook.shopify.WebhookHarness.body;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.doorstep.core.model.Customer;
import dev.doorstep.core.model.Order;
import dev.doorstep.core.model.OrderStatus;
import dev.doorstep.emulator.WithAwsEmulator;
import dev.doorstep.lambda.JsonLog;
import dev.doorstep.lambda.Metrics;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

@WithAwsEmulator
class ShopifyWebhookTopicsTest {

    private final WebhookHarness harness;

    ShopifyWebhookTopicsTest(DynamoDbClient dynamo) {
        harness = new WebhookHarness(dynamo);
    }

    private static void assertOk(APIGatewayV2HTTPResponse response, String status) {
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(200);
        assertThat(body(response).get("status").asText()).as(response.getBody()).isEqualTo(status);
    }

    @Test
    void fulfillmentsCreateStoresTheOrderCreatingTrackingWithItsFallbackEntry() {
        assertOk(harness.send("fulfillments-create"), "accepted");

        Order order = harness.order();
        assertThat(order.status()).isEqualTo(OrderStatus.CREATING_TRACKING);
        assertThat(order.orderNumber()).isEqualTo("#1042");
        assertThat(order.fulfillment().fulfilledAt()).isEqualTo(Instant.parse("2026-03-11T15:04:12Z"));
        assertThat(order.fulfillment().trackingNumber()).isEqualTo("1234567890");
        assertThat(order.fulfillment().carrier()).isEqualTo("DHL Express");
        assertThat(order.fulfillment().destinationCountry()).isEqualTo("DE");
        assertThat(order.customer().email()).isEqualTo("erika.muster@example.org");
        assertThat(order.customer().defaultAddressPhone()).isNull(); // a fulfillment has no default address
        assertThat(order.lineItems()).extracting(li -> li.productId() + " " + li.title())
                .containsExactly("8123456789012 Trail Running Shoe");
        assertThat(order.fallbackDeadline()).isEqualTo(Instant.parse("2026-05-10T15:04:12Z"));
        assertThat(harness.itemKeys()).as("one PutItem: the fallback entry comes with the tracking creator's write")
                .doesNotContain("SHOP#" + SHOP + "|FALLBACK#5710293847561")
                .as("the order is a fulfillment delivery's receipt").noneMatch(k -> k.startsWith("RECEIPT#"));
        assertThat(order.dueAt()).as("due for the sweep should the tracking creator never finish")
                .isPresent();
        var item = harness.items().stream().filter(i -> i.get("sk").s().startsWith("ORDER#")).findFirst().orElseThrow();
        assertThat(item).containsKey("gsi1sk");
        assertThat(item.get("shopifyEventId").s()).isEqualTo("6f2e1d0c-3b4a-4c5d-8e9f-0a1b2c3d4e01");
        assertThat(harness.scheduler.schedules()).isEmpty();
    }

    @Test
    void ordersFulfilledAfterwardsFillsInTheDefaultAddressPhoneAndCustomer() {
        harness.send("fulfillments-create");
        assertOk(harness.send("orders-fulfilled"), "accepted");

        Order order = harness.order();
        assertThat(order.customer()).isEqualTo(new Customer("191167", "Erika Mustermann",
                "erika.muster@example.org", "+49 170 7654321"));
        assertThat(order.status()).isEqualTo(OrderStatus.CREATING_TRACKING);
        assertThat(order.history()).hasSize(1);
    }

    @Test
    void ordersFulfilledAloneIsEnoughToStartTheOrder() {
        assertOk(harness.send("orders-fulfilled"), "accepted");

        assertThat(harness.order().status()).isEqualTo(OrderStatus.CREATING_TRACKING);
        assertThat(harness.order().customer().defaultAddressPhone()).isEqualTo("+49 170 7654321");
    }

    @Test
    void aFulfillmentWithoutTrackingIsScheduledOnFulfillmentTiming() {
        var event = Deliveries.sample("fulfillments-create");
        Deliveries.withBody(event, event.getBody().replace("\"tracking_company\":\"DHL Express\"",
                "\"tracking_company\":null"), Deliveries.SECRET);

        assertOk(harness.send(event), "accepted");

        Order order = harness.order();
        assertThat(order.status()).isEqualTo(OrderStatus.SCHEDULED);
        assertThat(order.statusReason()).contains("no shipping carrier");
        Instant sevenDaysAfterFulfillment = Instant.parse("2026-03-18T15:04:12Z"); // domestic DE -> DE
        assertThat(harness.scheduler.schedules()).containsEntry(ORDER, sevenDaysAfterFulfillment);
        assertThat(harness.itemKeys()).doesNotContain("SHOP#" + SHOP + "|FALLBACK#5710293847561");
    }

    @Test
    void ordersCancelledCancelsAndRemovesTheFallbackEntry() {
        harness.send("fulfillments-create");
        assertOk(harness.send("orders-cancelled"), "accepted");

        assertThat(harness.order().status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(harness.scheduler.cancels()).containsExactly(ORDER);
        assertThat(harness.itemKeys()).doesNotContain("SHOP#" + SHOP + "|FALLBACK#5710293847561");
    }

    @Test
    void aFullRefundCancelsAndAPartialOneDoesNot() {
        harness.send("fulfillments-create");
        var partial = Deliveries.sample("refunds-create");
        Deliveries.withBody(partial, partial.getBody().replace("\"id\":104689539,\"quantity\":1",
                "\"id\":104689539,\"quantity\":0"), Deliveries.SECRET);
        Deliveries.withHeader(partial, "x-shopify-webhook-id", "partial-refund");

        assertOk(harness.send(partial), "ignored");
        assertThat(harness.order().status()).isEqualTo(OrderStatus.CREATING_TRACKING);

        assertOk(harness.send("refunds-create"), "accepted");
        assertThat(harness.order().status()).isEqualTo(OrderStatus.CANCELLED);
    }

    @Test
    void appUninstalledStopsTheShopAndCancelsPendingRequests() {
        harness.send("fulfillments-create");
        assertOk(harness.send("app-uninstalled"), "accepted");

        assertThat(harness.order().status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(harness.shops.find(SHOP).orElseThrow().installed()).isFalse();
        assertThat(harness.shops.shopsWithDeliveryTracking()).isEmpty();

        // Uninstalled: new fulfillments are refused as for an unknown shop.
        var late = Deliveries.withHeader(Deliveries.sample("orders-fulfilled"), "x-shopify-webhook-id", "late");
        assertThat(harness.send(late).getStatusCode()).isEqualTo(404);
    }

    @Test
    void appUninstalledErasesTheShopifyTokenItemAndASecondDeliveryErasesNothingMore() {
        // The webhook never reads the token: any ciphertext will do (it deletes without KMS).
        harness.dynamo.putItem(b -> b.tableName(harness.table).item(Map.of(
                "pk", AttributeValue.fromS("SHOP#" + SHOP), "sk", AttributeValue.fromS("SHOPIFY_TOKEN"),
                "type", AttributeValue.fromS("SHOPIFY_TOKEN"),
                "accessToken", AttributeValue.fromB(SdkBytes.fromUtf8String("ciphertext")))));
        assertThat(harness.itemKeys()).contains("SHOP#" + SHOP + "|SHOPIFY_TOKEN");

        assertOk(harness.send("app-uninstalled"), "accepted");

        assertThat(harness.itemKeys()).doesNotContain("SHOP#" + SHOP + "|SHOPIFY_TOKEN")
                .as("the shop stays (settings kept for a reinstall) until shop/redact")
                .contains("SHOP#" + SHOP + "|SHOP");
        assertThat(harness.shops.find(SHOP).orElseThrow().installed()).isFalse();

        // Shopify may deliver the uninstall again under a new webhook id: nothing left to erase, still 200.
        var again = Deliveries.withHeader(Deliveries.sample("app-uninstalled"), "x-shopify-webhook-id", "again");
        assertOk(harness.send(again), "accepted");
        assertThat(harness.itemKeys()).doesNotContain("SHOP#" + SHOP + "|SHOPIFY_TOKEN");
        assertThat(harness.shops.find(SHOP).orElseThrow().installed()).isFalse();
    }

    @Test
    void customersDataRequestReportsTheOrderIdsHeld() {
        harness.send("fulfillments-create");
        var response = harness.send("customers-data-request");

        assertOk(response, "accepted");
        assertThat(body(response).get("orderIds").get(0).asText()).isEqualTo("5710293847561");
    }

    @Test
    void customersRedactErasesThePersonalDataAndCancels() {
        harness.send("orders-fulfilled");
        assertOk(harness.send("customers-redact"), "accepted");

        Order order = harness.order();
        assertThat(order.customer()).isEqualTo(new Customer("191167", null, null, null));
        assertThat(order.status()).isEqualTo(OrderStatus.CANCELLED);
        String raw = harness.items().toString();
        assertThat(raw).doesNotContain("erika.muster@example.org", "Mustermann", "+49 170 7654321");
    }

    @Test
    void shopRedactErasesEveryItemOfTheShop() {
        harness.send("fulfillments-create");
        assertOk(harness.send("shop-redact"), "accepted");

        assertThat(harness.itemKeys()).allMatch(k -> k.startsWith("RECEIPT#"));
    }

    @Test
    void compliancePayloadsForAShopWeDoNotKnowAreAnswered200() {
        harness.shops.erase(SHOP);
        for (String sample : List.of("app-uninstalled", "customers-data-request", "customers-redact", "shop-redact")) {
            assertThat(harness.send(sample).getStatusCode()).as(sample).isEqualTo(200);
        }
        assertThat(harness.itemKeys()).allMatch(k -> k.startsWith("RECEIPT#"));
    }

    @Test
    void anUnknownTopicIsIgnoredWith200AndWritesNothing() {
        var event = Deliveries.withHeader(Deliveries.sample("fulfillments-create"), "x-shopify-topic",
                "products/update");

        assertOk(harness.send(event), "ignored");
        assertThat(harness.itemKeys()).isEqualTo(WebhookHarness.shopOnly());
    }

    @Test
    void theSameWebhookThreeTimesMakesOneOrder() {
        assertOk(harness.send("fulfillments-create"), "accepted");
        assertOk(harness.send("fulfillments-create"), "duplicate");
        assertOk(harness.send("fulfillments-create"), "duplicate");

        assertThat(harness.orders.ordersOf(SHOP, null, 10).items()).hasSize(1);
        assertThat(harness.order().version()).isEqualTo(1);
    }

    @Test
    void concurrentDeliveriesOfOneOrderMakeOneOrder() throws Exception {
        var pool = Executors.newFixedThreadPool(6);
        try {
            List<Callable<APIGatewayV2HTTPResponse>> sends = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                sends.add(() -> harness.send("fulfillments-create"));
                sends.add(() -> harness.send("orders-fulfilled"));
            }
            for (Future<APIGatewayV2HTTPResponse> f : pool.invokeAll(sends)) {
                assertThat(f.get().getStatusCode()).as(f.get().getBody()).isEqualTo(200);
            }
        } finally {
            pool.shutdown();
        }

        assertThat(harness.orders.ordersOf(SHOP, null, 10).items()).hasSize(1);
        Order order = harness.order();
        assertThat(order.status()).isEqualTo(OrderStatus.CREATING_TRACKING);
        assertThat(order.history()).hasSize(1);
        assertThat(order.customer().defaultAddressPhone()).isEqualTo("+49 170 7654321");
    }

    @Test
    void aReplayTriggeredBeforeTheLastAppliedEventIsIgnoredAsStale() {
        harness.send("orders-cancelled");
        assertThat(harness.order().status()).isEqualTo(OrderStatus.CANCELLED);

        var replay = Deliveries.withHeader(Deliveries.sample("orders-fulfilled"), "x-shopify-triggered-at",
                "2026-03-11T15:04:14.000000Z");
        var response = harness.send(replay);

        assertOk(response, "ignored");
        assertThat(body(response).get("reason").asText()).contains("stale");
    }

    @Test
    void aBase64EncodedBodyIsVerifiedOnItsDecodedBytes() {
        var event = Deliveries.sample("fulfillments-create");
        event.setBody(java.util.Base64.getEncoder().encodeToString(event.getBody().getBytes(StandardCharsets.UTF_8)));
        event.setIsBase64Encoded(true);

        assertOk(harness.send(event), "accepted");
    }

    @Test
    void headerNamesAreCaseInsensitive() {
        var event = Deliveries.headers(Deliveries.sample("fulfillments-create"), h -> {
            var mixed = new java.util.HashMap<String, String>();
            h.forEach((k, v) -> mixed.put(k.startsWith("x-shopify-") ? "X-Shopify-" + k.substring(10).toUpperCase()
                    : "Content-Type".equalsIgnoreCase(k) ? "Content-Type" : k, v));
            return mixed;
        });

        assertOk(harness.send(event), "accepted");
    }

    @Test
    void logLinesAndMetricsCarryNoPersonalData() {
        var out = new ByteArrayOutputStream();
        var capture = new PrintStream(out, true, StandardCharsets.UTF_8);
        JsonLog.redirect(capture);
        Metrics.redirect(capture);
        try {
            for (String sample : List.of("fulfillments-create", "orders-fulfilled", "customers-data-request",
                    "customers-redact")) {
                harness.send(sample);
            }
            harness.send(Deliveries.withHeader(Deliveries.sample("orders-fulfilled"), "x-shopify-hmac-sha256", "AAAA"));
        } finally {
            JsonLog.redirect(System.out);
            Metrics.redirect(System.out);
        }
        String logs = out.toString(StandardCharsets.UTF_8);
        assertThat(logs).contains("webhook applied", "WebhooksAccepted", "WebhooksRejected", "5710293847561");
        assertThat(logs).doesNotContain("erika", "Erika", "Mustermann", "+49", "Beispielstra", Deliveries.SECRET);
    }

    @Test
    void receiptsAreKeptForAWeek() {
        harness.send("fulfillments-create");
        harness.send("orders-cancelled");
        var receipt = harness.items().stream().filter(i -> i.get("pk").s().startsWith("RECEIPT#")).findFirst()
                .orElseThrow();
        assertThat(Long.parseLong(receipt.get("expiresAt").n()))
                .isEqualTo(WebhookHarness.NOW.plus(Duration.ofDays(7)).getEpochSecond());
    }
}
