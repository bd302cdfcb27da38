package dev.doorstep.reliability;

import static org.assertj.core.api.Assertions.assertThat;

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
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.BeforeContainer;
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

    @BeforeContainer
    static void table() {
        table = new AfterShipWebhookTable(AwsEmulators.shared().client(DynamoDbClient.builder()),
                AwsEmulators.shared().client(KmsClient.builder()),
                Clock.fixed(AfterShipWebhookTable.NOW, ZoneOffset.UTC));
        before = table.items();
    }

    @Property(tries = 30)
    void arbitraryBytes(@ForAll @Size(max = 3000) byte[] bytes) {
        check(AfterShipDeliveries.signedBytes(bytes));
    }

    @Property(tries = 30)
    void arbitraryText(@ForAll @Size(max = 3000) String text) {
        check(AfterShipDeliveries.signed(text));
    }

    /** Objects built from the fields the function reads (nested msg included), with random values. */
    @Property(tries = 50)
    void randomEventShapedObjects(@ForAll("events") JsonNode event) {
        check(AfterShipDeliveries.signed(event.toString()));
    }

    /**
     * The real Delivered sample with a random event id, random extra fields and random values in the
     * fields that matter, where at least one of tracking id, order id, tag and shop no longer matches
     * order 1001, so the event reaches the order lookup but must not move the order.
     */
    @Property(tries = 50)
    void theSampleWithOneThingThatDoesNotMatch(@ForAll("eventIds") String eventId, @ForAll("breaks") String broken,
            @ForAll("values") JsonNode value, @ForAll("leaves") JsonNode delivered, @ForAll("objects") JsonNode extra) {
        ObjectNode body = (ObjectNode) parse(AfterShipDeliveries.body());
        body.put("event_id", eventId);
        ObjectNode msg = (ObjectNode) body.get("msg");
        extra.properties().forEach(e -> msg.putIfAbsent(e.getKey(), e.getValue()));
        msg.set("shipment_delivery_date", delivered);
        switch (broken) {
            case "id" -> msg.set("id", differentFrom(value, AfterShipDeliveries.TRACKING_ID));
            case "order_id" -> msg.set("order_id", differentFrom(value, AfterShipDeliveries.ORDER_ID));
            case "tag" -> msg.set("tag", notATimingTag(value));
            case "doorstep_shop" -> ((ObjectNode) msg.get("custom_fields")).put("doorstep_shop",
                    "x" + value.asText() + ".myshopify.com");
            default -> throw new IllegalArgumentException(broken);
        }
        check(AfterShipDeliveries.signed(body.toString()));
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

    @Provide
    Arbitrary<String> breaks() {
        return Arbitraries.of("id", "order_id", "tag", "doorstep_shop");
    }

    @Provide
    Arbitrary<String> eventIds() {
        return Arbitraries.oneOf(Arbitraries.create(AfterShipDeliveries::freshEventId),
                Arbitraries.strings().ofMaxLength(300),
                // printable ASCII up to past DynamoDB's 2 KiB partition key (the receipt's key holds the id)
                Arbitraries.strings().withCharRange('!', '~').ofMinLength(1).ofMaxLength(3000));
    }

    @Provide
    Arbitrary<JsonNode> values() {
        return Arbitraries.oneOf(leaves(), objects(), arrays());
    }

    @Provide
    Arbitrary<JsonNode> events() {
        return Arbitraries.maps(Arbitraries.of("event", "event_id", "is_tracking_first_tag", "ts", "msg", "x"),
                Arbitraries.oneOf(leaves(), msgs())).ofMaxSize(6).map(AfterShipWebhookFuzzProperties::object);
    }

    private Arbitrary<JsonNode> msgs() {
        return Arbitraries.maps(Arbitraries.of("id", "order_id", "tag", "subtag", "shipment_delivery_date",
                "updated_at", "checkpoints", "custom_fields", "tracking_number", "slug"), Arbitraries.oneOf(leaves(),
                arrays(), objects())).ofMaxSize(8).map(AfterShipWebhookFuzzProperties::object);
    }

    @Provide
    Arbitrary<JsonNode> objects() {
        return Arbitraries.maps(Arbitraries.oneOf(Arbitraries.of("tag", "subtag", "doorstep_shop", "checkpoint_time",
                "message"), Arbitraries.strings().ofMaxLength(8)), leaves()).ofMaxSize(5)
                .map(AfterShipWebhookFuzzProperties::object);
    }

    private Arbitrary<JsonNode> arrays() {
        return Arbitraries.oneOf(leaves(), objects()).list().ofMaxSize(4).map(l -> {
            var array = Json.MAPPER.createArrayNode();
            l.forEach(array::add);
            return array;
        });
    }

    /** Random scalars, and values the function knows (a tag, the shop, order 1001) to reach deeper. */
    @Provide
    Arbitrary<JsonNode> leaves() {
        var f = JsonNodeFactory.instance;
        return Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(40).map(f::textNode),
                Arbitraries.longs().map(f::numberNode),
                Arbitraries.doubles().map(f::numberNode),
                Arbitraries.of(true, false).map(f::booleanNode),
                Arbitraries.just(f.nullNode()),
                Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(30).map(f::textNode),
                Arbitraries.of("Delivered", "Expired", "InTransit", "delivered", AfterShipDeliveries.ORDER_ID,
                        AfterShipDeliveries.SHOP, "2026-03-08T09:00:00Z", "2026-03-08", "+999999999-12-31T23:59:59Z",
                        "-999999999-01-01T00:00:00Z", "1970-01-01T00:00:00Z").map(f::textNode));
    }

    private static JsonNode object(Map<String, JsonNode> fields) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        fields.forEach(node::set);
        return node;
    }

    private static JsonNode parse(String json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}
