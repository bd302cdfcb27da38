package dev.doorstep.reliability;

import static dev.doorstep.reliability.FuzzInputs.anyLong;
import static dev.doorstep.reliability.FuzzInputs.bytes;
import static dev.doorstep.reliability.FuzzInputs.chars;
import static dev.doorstep.reliability.FuzzInputs.strings;
import static dev.doorstep.reliability.FuzzInputs.twoDecimalDoubles;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.arbitrary;
import static org.quicktheories.generators.SourceDSL.booleans;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.doorstep.emulator.AwsEmulators;
import dev.doorstep.lambda.Json;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.kms.KmsClient;

/**
 * Fuzzed AfterShip webhooks that carry a VALID signature for acme-tea (so they reach the parser, the
 * receipt log and the order lookup): never a 5xx (nor a throw, which API Gateway answers 500); a 4xx
 * with a reason or a 200 "ignored"/"duplicate"; and no order, shop or schedule ever comes of them,
 * though the table holds order 1001 waiting on the sample's tracking. Receipts of ignored events are
 * the only writes allowed.
 */
class AfterShipWebhookFuzzProperties {

    private static AfterShipWebhookTable table;
    private static List<Map<String, AttributeValue>> before;

    @BeforeAll
    static void table() {
        table = new AfterShipWebhookTable(AwsEmulators.shared().client(DynamoDbClient.builder()),
                AwsEmulators.shared().client(KmsClient.builder()),
                Clock.fixed(AfterShipWebhookTable.NOW, ZoneOffset.UTC));
        before = table.items();
    }

    @Test
    void arbitraryBytes() {
        qt().withExamples(30).forAll(bytes(3000)).checkAssert(bytes -> check(AfterShipDeliveries.signedBytes(bytes)));
    }

    @Test
    void arbitraryText() {
        qt().withExamples(30).forAll(strings(3000)).checkAssert(text -> check(AfterShipDeliveries.signed(text)));
    }

    /** Objects built from the fields the function reads (nested msg included), with random values. */
    @Test
    void randomEventShapedObjects() {
        qt().withExamples(50).forAll(events())
                .checkAssert(event -> check(AfterShipDeliveries.signed(event.toString())));
    }

    /**
     * The real Delivered sample with a random event id, random extra fields and random values in the
     * fields that matter, where at least one of tracking id, order id, tag and shop no longer matches
     * order 1001, so the event reaches the order lookup but must not move the order.
     */
    @Test
    void theSampleWithOneThingThatDoesNotMatch() {
        qt().withExamples(50).forAll(mismatches()).checkAssert(m -> {
            ObjectNode body = (ObjectNode) parse(AfterShipDeliveries.body());
            body.put("event_id", m.eventId);
            ObjectNode msg = (ObjectNode) body.get("msg");
            m.extra.properties().forEach(e -> msg.putIfAbsent(e.getKey(), e.getValue()));
            msg.set("shipment_delivery_date", m.delivered);
            switch (m.broken) {
                case "id" -> msg.set("id", differentFrom(m.value, AfterShipDeliveries.TRACKING_ID));
                case "order_id" -> msg.set("order_id", differentFrom(m.value, AfterShipDeliveries.ORDER_ID));
                case "tag" -> msg.set("tag", notATimingTag(m.value));
                case "doorstep_shop" -> ((ObjectNode) msg.get("custom_fields")).put("doorstep_shop",
                        "x" + m.value.asText() + ".myshopify.com");
                default -> throw new IllegalArgumentException(m.broken);
            }
            check(AfterShipDeliveries.signed(body.toString()));
        });
    }

    /** What a case of {@link #theSampleWithOneThingThatDoesNotMatch} changes in the sample. */
    record Mismatch(String eventId, String broken, JsonNode value, JsonNode delivered, JsonNode extra) {
    }

    private void check(APIGatewayV2HTTPEvent event) {
        APIGatewayV2HTTPResponse response;
        try {
            response = table.send(event);
        } catch (RuntimeException e) {
            throw new AssertionError("the function threw (API Gateway answers 500): " + e, e);
        }
        String why = response.getStatusCode() + " " + response.getBody();
        int status = response.getStatusCode();
        assertThat(status == 200 || status / 100 == 4).as("200 or a 4xx, never a 5xx: " + why).isTrue();
        JsonNode answer = WebhookTable.json(response);
        if (status == 200) {
            assertThat(answer.path("status").asText()).as(why).isIn("ignored", "duplicate");
        }
        assertThat(answer.path("reason").asText()).as(why).isNotBlank();
        assertThat(AfterShipWebhookTable.changes(before, table.items(), false)).as(why).isEmpty();
        assertThat(table.scheduler.calls).as(why).hasValue(0);
    }

    private static JsonNode differentFrom(JsonNode value, String original) {
        return value.asText().equals(original) ? JsonNodeFactory.instance.textNode(original + "0") : value;
    }

    /** Whatever it reads as, not Delivered or Expired (any case: the tag is matched case-insensitively). */
    private static JsonNode notATimingTag(JsonNode value) {
        String text = value.asText().toLowerCase(Locale.ROOT);
        return text.equals("delivered") || text.equals("expired") ? JsonNodeFactory.instance.textNode("InTransit")
                : value;
    }

    private static Gen<Mismatch> mismatches() {
        Gen<String> eventIds = eventIds();
        Gen<String> breaks = arbitrary().pick("id", "order_id", "tag", "doorstep_shop");
        Gen<JsonNode> values = values();
        Gen<JsonNode> leaves = leaves();
        Gen<JsonNode> objects = objects();
        return in -> new Mismatch(eventIds.generate(in), breaks.generate(in), values.generate(in),
                leaves.generate(in), objects.generate(in));
    }

    private static Gen<String> eventIds() {
        return Generate.oneOf(arbitrary().constant(AfterShipDeliveries::freshEventId), strings(300),
                // printable ASCII up to past DynamoDB's 2 KiB partition key (the receipt's key holds the id)
                strings(chars('!', '~'), 1, 3000));
    }

    private static Gen<JsonNode> values() {
        return Generate.oneOf(leaves(), objects(), arrays());
    }

    private static Gen<JsonNode> events() {
        return FuzzInputs.objects(arbitrary().pick("event", "event_id", "is_tracking_first_tag", "ts", "msg", "x"),
                Generate.oneOf(leaves(), msgs()), 6);
    }

    private static Gen<JsonNode> msgs() {
        return FuzzInputs.objects(arbitrary().pick("id", "order_id", "tag", "subtag", "shipment_delivery_date",
                "updated_at", "checkpoints", "custom_fields", "tracking_number", "slug"),
                Generate.oneOf(leaves(), arrays(), objects()), 8);
    }

    private static Gen<JsonNode> objects() {
        return FuzzInputs.objects(Generate.oneOf(arbitrary().pick("tag", "subtag", "doorstep_shop",
                "checkpoint_time", "message"), strings(8)), leaves(), 5);
    }

    private static Gen<JsonNode> arrays() {
        return FuzzInputs.arrays(Generate.oneOf(leaves(), objects()), 4);
    }

    /** Random scalars, and values the function knows (a tag, the shop, order 1001) to reach deeper. */
    private static Gen<JsonNode> leaves() {
        var f = JsonNodeFactory.instance;
        return Generate.<JsonNode>oneOf(
                strings(40).map(f::textNode),
                anyLong().map(f::numberNode),
                twoDecimalDoubles().map(f::numberNode),
                booleans().all().map(f::booleanNode),
                arbitrary().constant(f.nullNode()),
                strings(chars('0', '9'), 1, 30).map(f::textNode),
                arbitrary().pick("Delivered", "Expired", "InTransit", "delivered", AfterShipDeliveries.ORDER_ID,
                        AfterShipDeliveries.SHOP, "2026-03-08T09:00:00Z", "2026-03-08", "+999999999-12-31T23:59:59Z",
                        "-999999999-01-01T00:00:00Z", "1970-01-01T00:00:00Z").map(f::textNode));
    }

    private static JsonNode parse(String json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}
