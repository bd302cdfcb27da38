package dev.doorstep.reliability;

import static dev.doorstep.reliability.AfterShipDeliveries.SHOP;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.doorstep.core.model.OrderStatus;
import dev.doorstep.emulator.WithAwsEmulator;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.kms.KmsClient;

/**
 * At least 100 bad AfterShip webhook requests through the real AfterShipWebhookFunction over DynamoDB
 * and KMS on the emulator ({@link BadAfterShipWebhooks}): each answered with the exact status, outcome
 * and reason expected, never a 5xx, and nothing written: no order or shop changed, no schedule asked
 * for, and no receipt unless the answer is a 200 "ignored" (whose event id is remembered). Every case
 * is a change of the sample event, which on this table WOULD move order 1001 (checked first), so a
 * check that let a case through would show as a write.
 */
@WithAwsEmulator
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AfterShipWebhookBadInputCorpusTest {

    private DynamoDbClient dynamo;
    private KmsClient kms;
    private AfterShipWebhookTable table;
    private List<Map<String, AttributeValue>> baseline;

    /** One table for the whole corpus (after the extension reset the emulator for this class). */
    @BeforeAll
    void table(DynamoDbClient dynamo, KmsClient kms) {
        this.dynamo = dynamo;
        this.kms = kms;
        table = new AfterShipWebhookTable(dynamo, kms, Clock.fixed(AfterShipWebhookTable.NOW, ZoneOffset.UTC));
        baseline = table.items();
    }

    static Stream<BadAfterShipWebhooks> corpus() {
        return BadAfterShipWebhooks.all().stream();
    }

    @Test
    void theCorpusHoldsAtLeast100DistinctCases() {
        List<BadAfterShipWebhooks> all = BadAfterShipWebhooks.all();
        assertThat(all).hasSizeGreaterThanOrEqualTo(100);
        assertThat(all.stream().map(BadAfterShipWebhooks::toString).distinct()).hasSize(all.size());
        Map<String, Long> byCategory = new TreeMap<>(all.stream().collect(Collectors.groupingBy(
                BadAfterShipWebhooks::category, Collectors.counting())));
        System.out.println("AfterShip webhook corpus: " + all.size() + " cases " + byCategory);
    }

    /** The control: unchanged, the sample moves the order, so "nothing written" below means something. */
    @Test
    void theUnchangedSampleWouldMoveTheOrder() {
        var fresh = new AfterShipWebhookTable(dynamo, kms, Clock.fixed(AfterShipWebhookTable.NOW, ZoneOffset.UTC));
        List<Map<String, AttributeValue>> untouched = fresh.items();

        APIGatewayV2HTTPResponse response = fresh.send(AfterShipDeliveries.sample());

        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(200);
        assertThat(WebhookTable.json(response).path("status").asText()).isEqualTo("scheduled_on_delivery");
        assertThat(fresh.order(SHOP).status()).isEqualTo(OrderStatus.SCHEDULED);
        assertThat(fresh.scheduler.calls).hasValue(1);
        assertThat(AfterShipWebhookTable.changes(untouched, fresh.items(), false)).as("what the checks below look for")
                .contains("changed SHOP#" + SHOP + "|ORDER#" + AfterShipDeliveries.ORDER_ID);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void everyBadRequestIsAnsweredWithAReasonAndWritesNothing(BadAfterShipWebhooks bad) {
        APIGatewayV2HTTPEvent event = bad.event().get();
        APIGatewayV2HTTPResponse response;
        try {
            response = table.send(event);
        } catch (RuntimeException e) {
            table.restore(baseline, table.items());
            throw new AssertionError(bad + ": the function threw (API Gateway answers 500): " + e, e);
        }
        List<Map<String, AttributeValue>> after = table.items();
        int schedulerCalls = table.scheduler.calls.get();
        table.restore(baseline, after); // the receipt of an ignored event, or what a failing case wrote

        String why = bad + " -> " + response.getStatusCode() + " " + response.getBody();
        assertThat(response.getStatusCode()).as(why).isLessThan(500).isEqualTo(bad.status());
        JsonNode answer = WebhookTable.json(response);
        assertThat(answer.path("status").asText()).as(why).isEqualTo(bad.outcome());
        assertThat(answer.path("reason").asText()).as(why).contains(bad.reason());
        assertThat(schedulerCalls).as(why + ": calls to the scheduler").isZero();
        if (bad.status() == 200) {
            assertThat(AfterShipWebhookTable.changes(baseline, after, false)).as(why).isEmpty();
            assertThat(AfterShipWebhookTable.receiptKeys(after)).as(why).hasSizeLessThanOrEqualTo(1);
        } else {
            assertThat(AfterShipWebhookTable.changes(baseline, after, true)).as(why).isEmpty();
        }
    }

    /**
     * After the delivery was applied: the same event again, the same delivery as a new event, and older
     * or later news of the same tracking. None changes the order or asks for another schedule.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("replays")
    void replaysAndStaleEventsAfterTheDeliveryChangeNothing(String name, UnaryOperator<String> change,
            Duration later, String outcome) {
        var clock = new MovableClock(AfterShipWebhookTable.NOW);
        var fresh = new AfterShipWebhookTable(dynamo, kms, clock);
        assertThat(fresh.send(AfterShipDeliveries.sample()).getStatusCode()).isEqualTo(200);
        assertThat(fresh.order(SHOP).status()).isEqualTo(OrderStatus.SCHEDULED);
        List<Map<String, AttributeValue>> applied = fresh.items();
        clock.advance(later);

        APIGatewayV2HTTPResponse response = fresh.send(AfterShipDeliveries.signed(change.apply(
                AfterShipDeliveries.body())));

        String why = name + " -> " + response.getStatusCode() + " " + response.getBody();
        assertThat(response.getStatusCode()).as(why).isEqualTo(200);
        assertThat(WebhookTable.json(response).path("status").asText()).as(why).isEqualTo(outcome);
        assertThat(WebhookTable.json(response).path("reason").asText()).as(why).isNotBlank();
        assertThat(AfterShipWebhookTable.changes(applied, fresh.items(), false)).as(why).isEmpty();
        assertThat(fresh.scheduler.calls).as(why).hasValue(1);
    }

    static Stream<Arguments> replays() {
        String tag = "\"tag\":\"Delivered\",\"subtag\":\"Delivered_001\",\"subtag_message\":\"Delivered\"";
        String date = "\"shipment_delivery_date\":\"2026-03-08T09:00:00Z\"";
        UnaryOperator<String> newId = b -> AfterShipDeliveries.withEventId(b, AfterShipDeliveries.freshEventId());
        return Stream.of(
                Arguments.of("the same event again", UnaryOperator.<String>identity(), Duration.ZERO, "duplicate"),
                Arguments.of("the same event id with another body (an InTransit tag)", (UnaryOperator<String>) b ->
                        b.replace(tag, "\"tag\":\"InTransit\",\"subtag\":\"InTransit_001\",\"subtag_message\":\"x\""),
                        Duration.ZERO, "duplicate"),
                Arguments.of("the same event after its receipt expired (8 days)", UnaryOperator.<String>identity(),
                        Duration.ofDays(8), "not_waiting"),
                Arguments.of("the same delivery as a new event", newId, Duration.ofMinutes(5), "not_waiting"),
                Arguments.of("an older InTransit event arriving late", (UnaryOperator<String>) b -> newId.apply(b)
                        .replace(tag, "\"tag\":\"InTransit\",\"subtag\":\"InTransit_001\",\"subtag_message\":\"x\"")
                        .replace(date, "\"shipment_delivery_date\":null")
                        .replace("\"ts\":1772960400", "\"ts\":1772532000"), Duration.ofMinutes(5), "ignored"),
                Arguments.of("an Expired event after the delivery", (UnaryOperator<String>) b -> newId.apply(b)
                        .replace(tag, "\"tag\":\"Expired\",\"subtag\":\"Expired_001\",\"subtag_message\":\"x\""),
                        Duration.ofDays(1), "not_waiting"),
                Arguments.of("a Delivered event with an earlier delivery date", (UnaryOperator<String>) b ->
                        newId.apply(b).replace(date, "\"shipment_delivery_date\":\"2026-03-04T09:00:00Z\""),
                        Duration.ofMinutes(5), "not_waiting"),
                Arguments.of("a Delivered event with a later delivery date", (UnaryOperator<String>) b ->
                        newId.apply(b).replace(date, "\"shipment_delivery_date\":\"2026-03-09T12:00:00Z\""),
                        Duration.ofDays(1), "not_waiting"));
    }
}
