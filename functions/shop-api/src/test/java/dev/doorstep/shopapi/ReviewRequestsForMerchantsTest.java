package dev.doorstep.shopapi;

import static dev.doorstep.shopapi.ShopApiHarness.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.doorstep.aftership.sandbox.AfterShipSandbox;
import dev.doorstep.core.model.OrderStatus;
import dev.doorstep.emulator.WithAwsEmulator;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.scheduler.SchedulerClient;

/** What the merchant's page reads from the list: times in the shop's zone, a timeline, search by order name. */
@WithAwsEmulator
class ReviewRequestsForMerchantsTest {

    static final AfterShipSandbox SANDBOX = AfterShipSandbox.start();
    static final String SHOP = "acme-tea.myshopify.com";
    static final String REQUESTS = "/shops/" + SHOP + "/review-requests";

    final ShopApiHarness api;

    ReviewRequestsForMerchantsTest(DynamoDbClient dynamo, KmsClient kms, SchedulerClient scheduler) {
        api = new ShopApiHarness(dynamo, kms, scheduler, SANDBOX);
        api.call("PUT", "/shops/" + SHOP + "/settings", "{\"timeZone\":\"America/New_York\"}");
    }

    @AfterAll
    static void stop() {
        SANDBOX.close();
    }

    @Test
    void timesAreAlsoGivenInTheShopsTimeZoneAndTheTimelineListsEveryMove() {
        api.storeOrder(SHOP, "3001", OrderStatus.SENT);

        JsonNode list = json(api.call("GET", REQUESTS, null));

        JsonNode sent = list.at("/reviewRequests/0");
        assertThat(list.path("timeZone").asText()).isEqualTo("America/New_York");
        assertThat(sent.path("sendAt").asText()).isEqualTo("2026-03-09T10:00:00Z");
        assertThat(sent.path("sendAtLocal").asText()).isEqualTo("Mar 9, 2026, 6:00 AM EDT");
        assertThat(sent.path("fulfilledAtLocal").asText()).isEqualTo("Mar 2, 2026, 5:00 AM EST");
        assertThat(sent.path("timeline")).extracting(t -> t.path("statusLabel").asText())
                .containsExactly("Will send", "Sending", "Sent");
        assertThat(sent.at("/timeline/2/atLocal").asText()).isEqualTo("Mar 9, 2026, 6:00 AM EDT");
    }

    @Test
    void aWaitingOrderShowsItsFallbackDeadlineWhileTheFallbackIsOn() {
        api.storeOrder(SHOP, "3201", OrderStatus.WAITING_FOR_DELIVERY);
        api.storeOrder(SHOP, "3202", OrderStatus.SCHEDULED);

        JsonNode waiting = json(api.call("GET", REQUESTS, null, Map.of("search", "3201"))).at("/reviewRequests/0");
        assertThat(waiting.path("fallbackDeadline").asText()).isEqualTo("2026-05-01T10:00:00Z");
        assertThat(waiting.path("fallbackDeadlineLocal").asText()).isEqualTo("May 1, 2026, 6:00 AM EDT");
        JsonNode planned = json(api.call("GET", REQUESTS, null, Map.of("search", "3202"))).at("/reviewRequests/0");
        assertThat(planned.path("fallbackDeadline").isNull()).as("planned: its sendAt says when").isTrue();

        // Lengthened: the wake-up at the order's deadline plans the new, later time; shortened: the order's own.
        api.call("PUT", "/shops/" + SHOP + "/settings", "{\"fallbackDays\":90}");
        assertThat(json(api.call("GET", REQUESTS, null, Map.of("search", "3201"))).at("/reviewRequests/0")
                .path("fallbackDeadline").asText()).isEqualTo("2026-05-31T10:00:00Z");
        api.call("PUT", "/shops/" + SHOP + "/settings", "{\"fallbackDays\":30}");
        assertThat(json(api.call("GET", REQUESTS, null, Map.of("search", "3201"))).at("/reviewRequests/0")
                .path("fallbackDeadline").asText()).isEqualTo("2026-05-01T10:00:00Z");

        api.call("PUT", "/shops/" + SHOP + "/settings", "{\"fallbackEnabled\":false}");
        JsonNode off = json(api.call("GET", REQUESTS, null, Map.of("search", "3201"))).at("/reviewRequests/0");
        assertThat(off.path("fallbackDeadline").isNull()).as("switched off: no deadline is kept").isTrue();
    }

    @Test
    void aReasonNamingATimeReadsItInTheShopsZoneWithoutNanoseconds() {
        assertThat(new LocalTimes(java.time.ZoneId.of("America/New_York"))
                .inText("due at 2026-03-09T10:00:00.123456789Z; moved"))
                .isEqualTo("due at Mar 9, 2026, 6:00 AM EDT; moved");
    }

    @Test
    void anOrderIsFoundByItsNameOrNumber() {
        api.storeOrder(SHOP, "3101", OrderStatus.WAITING_FOR_DELIVERY);
        api.storeOrder(SHOP, "3102", OrderStatus.SCHEDULED);
        api.storeOrder(SHOP, "31023", OrderStatus.SCHEDULED);

        for (String search : new String[] {"#3102", "3102", " #3102 "}) {
            JsonNode found = json(api.call("GET", REQUESTS, null, Map.of("search", search))).get("reviewRequests");
            assertThat(found).as(search).extracting(r -> r.path("orderNumber").asText()).containsExactly("#3102");
        }
        assertThat(json(api.call("GET", REQUESTS, null, Map.of("search", "#9999"))).get("reviewRequests")).isEmpty();
        assertThat(json(api.call("GET", REQUESTS, null, Map.of("search", "3102", "status", "SENT")))
                .get("reviewRequests")).isEmpty();
        assertThat(api.call("GET", REQUESTS, null, Map.of("search", "#")).getStatusCode()).isEqualTo(400);
    }
}
