package dev.doorstep.shopapi;

import static dev.doorstep.shopapi.ShopApiHarness.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.doorstep.aftership.sandbox.AfterShipSandbox;
import dev.doorstep.core.model.OrderStatus;
import dev.doorstep.emulator.WithAwsEmulator;
import dev.doorstep.lambda.JsonLog;
import dev.doorstep.lambda.Metrics;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.scheduler.model.ScheduleSummary;

/**
 * SnapStart priming of the shop API runs at deployment time, over the wire here as there: the table,
 * KMS and Scheduler in the emulator, AfterShip's sandbox for the key check. It must read, miss and
 * stop: no setting or key saved, no schedule made or removed, no AfterShip call, not one log or
 * metric line.
 */
@WithAwsEmulator
class ShopApiPrimingTest {

    static final AfterShipSandbox SANDBOX = AfterShipSandbox.start();
    static final String SHOP = "acme-tea.myshopify.com";

    final DynamoDbClient dynamo;
    final ShopApiHarness api;

    ShopApiPrimingTest(DynamoDbClient dynamo, KmsClient kms, SchedulerClient scheduler) {
        SANDBOX.reset();
        this.dynamo = dynamo;
        api = new ShopApiHarness(dynamo, kms, scheduler, SANDBOX);
    }

    @AfterAll
    static void stop() {
        SANDBOX.close();
    }

    @Test
    void primingOnAnEmptyTableFindsNoShopAndDoesNothing() {
        silently(() -> ShopApiPriming.prime(api.function.settings, api.function.reviewRequests));

        assertThat(items()).isEmpty();
        assertThat(schedules()).isEmpty();
        assertThat(SANDBOX.requests()).isEmpty();
    }

    @Test
    void primingLeavesAShopItsKeyItsOrdersAndTheirSchedulesAlone() {
        assertThat(api.call("PUT", "/shops/" + SHOP + "/settings", "{\"aftershipEnabled\":true,"
                + "\"aftershipApiKey\":\"as-key-acme-0001\",\"shopCountry\":\"US\"}").getStatusCode()).isEqualTo(200);
        api.storeOrder(SHOP, "1001", OrderStatus.WAITING_FOR_DELIVERY);
        // switching the integration off would move this order to fulfillment timing and schedule it
        assertThat(api.call("PUT", "/shops/" + SHOP + "/settings", "{\"aftershipEnabled\":false}").getStatusCode())
                .isEqualTo(200);
        List<Map<String, AttributeValue>> items = items();
        List<String> schedules = schedules();
        int afterShipRequests = SANDBOX.requests().size();

        silently(() -> ShopApiPriming.prime(api.function.settings, api.function.reviewRequests));

        assertThat(items()).containsExactlyInAnyOrderElementsOf(items);
        assertThat(schedules()).isEqualTo(schedules).hasSize(1);
        assertThat(SANDBOX.requests()).hasSize(afterShipRequests);
    }

    @Test
    void theHandlerRefusesThePrimingShopSoItCanNeverBeStored() {
        var response = api.call("PUT", "/shops/" + ShopApiPriming.SHOP + "/settings", "{\"shopCountry\":\"US\"}");

        assertThat(response.getStatusCode()).as("not a myshopify.com domain: no such shop").isEqualTo(404);
        assertThat(items()).isEmpty();
    }

    @Test
    void thePrimingSettingsAreASettingsBodyTheHandlerAccepts() {
        var response = api.call("PUT", "/shops/" + SHOP + "/settings", ShopApiPriming.SETTINGS);

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(json(response).path("sendWindow").asText()).isEqualTo("09:00-20:00");
    }

    List<Map<String, AttributeValue>> items() {
        return dynamo.scan(b -> b.tableName(api.table).consistentRead(true)).items();
    }

    List<String> schedules() {
        return api.scheduler.listSchedules(b -> b.groupName(api.group)).schedules().stream()
                .map(ScheduleSummary::name).sorted().toList();
    }

    /** Runs the priming with the log and the metrics captured, and checks it printed nothing at all. */
    static void silently(Runnable priming) {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream capture = new PrintStream(printed, true, StandardCharsets.UTF_8);
        JsonLog.redirect(capture);
        Metrics.redirect(capture);
        try {
            priming.run();
        } finally {
            JsonLog.redirect(System.out);
            Metrics.redirect(System.out);
            assertThat(printed.toString(StandardCharsets.UTF_8)).as("log and metric lines").isEmpty();
        }
    }
}
