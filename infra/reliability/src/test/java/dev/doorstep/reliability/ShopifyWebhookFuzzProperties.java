package dev.doorstep.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.doorstep.emulator.AwsEmulators;
import dev.doorstep.lambda.Json;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.constraints.Size;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Fuzzed payloads that carry a VALID signature (so they reach the parser and the intake): never a 5xx;
 * a 4xx with a reason, or a 200 "ignored"; and no order, fallback or schedule ever comes of them.
 */
class ShopifyWebhookFuzzProperties {

    static final Instant NOW = Instant.parse("2026-03-12T10:00:00Z");
    static final List<String> ORDER_TOPICS = List.of("fulfillments-create", "orders-fulfilled", "orders-cancelled",
            "refunds-create");

    private static WebhookTable table;
    private static CountingScheduler scheduler;
    private static List<String> shopItem;

    @BeforeContainer
    static void table() {
        DynamoDbClient dynamo = AwsEmulators.shared().client(DynamoDbClient.builder());
        scheduler = new CountingScheduler();
        table = new WebhookTable(dynamo, scheduler, Clock.fixed(NOW, ZoneOffset.UTC));
        shopItem = table.snapshot();
    }

    @Property(tries = 60)
    void arbitraryBytesOnAnyTopic(@ForAll("samples") String sample, @ForAll @Size(max = 3000) byte[] bytes) {
        Assume.that(!isJsonObject(bytes) || ORDER_TOPICS.contains(sample));
        check(ShopifyDeliveries.fresh(ShopifyDeliveries.signedBytes(sample, bytes)));
    }

    @Property(tries = 60)
    void arbitraryTextOnAnyTopic(@ForAll("samples") String sample, @ForAll @Size(max = 3000) String text) {
        Assume.that(!isJsonObject(text.getBytes(StandardCharsets.UTF_8)) || ORDER_TOPICS.contains(sample));
        check(ShopifyDeliveries.fresh(ShopifyDeliveries.signed(sample, text)));
    }

    @Property(tries = 60)
    void randomJsonObjectsOnOrderTopics(@ForAll("orderTopics") String sample, @ForAll("objects") JsonNode json) {
        check(ShopifyDeliveries.fresh(ShopifyDeliveries.signed(sample, json.toString())));
    }

    /** The real sample with its order id replaced by something that is not an id, and random extra fields. */
    @Property(tries = 60)
    void samplesWithoutAUsableOrderId(@ForAll("orderTopics") String sample, @ForAll("notAnId") JsonNode id,
            @ForAll("objects") JsonNode extra) {
        ObjectNode body = (ObjectNode) parse(ShopifyDeliveries.body(sample));
        extra.fields().forEachRemaining(e -> {
            if (!body.has(e.getKey())) {
                body.set(e.getKey(), e.getValue());
            }
        });
        body.set(sample.equals("orders-fulfilled") || sample.equals("orders-cancelled") ? "id" : "order_id", id);
        check(ShopifyDeliveries.fresh(ShopifyDeliveries.signed(sample, body.toString())));
    }

    private void check(APIGatewayV2HTTPEvent event) {
        APIGatewayV2HTTPResponse response = table.send(event);
        String why = response.getStatusCode() + " " + response.getBody();
        int status = response.getStatusCode();
        assertThat(status == 200 || status / 100 == 4).as("200 or a 4xx, never a 5xx: " + why).isTrue();
        JsonNode answer = WebhookTable.json(response);
        if (response.getStatusCode() == 200) {
            assertThat(answer.path("status").asText()).as(why).isIn("ignored", "duplicate");
        } else {
            assertThat(answer.path("status").asText()).as(why).isEqualTo("rejected");
        }
        assertThat(answer.path("reason").asText()).as(why).isNotBlank();
        // Receipts are bookkeeping of what was answered; no order, fallback entry or shop change may appear.
        assertThat(table.snapshot().stream().filter(i -> !i.contains("RECEIPT#")).toList()).as(why)
                .isEqualTo(shopItem);
        assertThat(scheduler.calls).as(why).hasValue(0);
    }

    @Provide
    Arbitrary<String> samples() {
        return Arbitraries.of(ShopifyDeliveries.SAMPLES);
    }

    @Provide
    Arbitrary<String> orderTopics() {
        return Arbitraries.of(ORDER_TOPICS);
    }

    @Provide
    Arbitrary<JsonNode> notAnId() {
        return Arbitraries.oneOf(
                Arbitraries.strings().alpha().ofMaxLength(12).map(s -> Json.MAPPER.getNodeFactory().textNode("x" + s)),
                Arbitraries.of(true, false).map(b -> Json.MAPPER.getNodeFactory().booleanNode(b)),
                Arbitraries.just(Json.MAPPER.getNodeFactory().nullNode()),
                Arbitraries.doubles().between(-1e6, 1e6).filter(d -> d != Math.rint(d))
                        .map(d -> Json.MAPPER.getNodeFactory().numberNode(d)),
                objects(), arrays());
    }

    @Provide
    Arbitrary<JsonNode> objects() {
        return Arbitraries.maps(keys(), leaves()).ofMaxSize(6).map(ShopifyWebhookFuzzProperties::object);
    }

    private Arbitrary<JsonNode> arrays() {
        return leaves().list().ofMaxSize(4).map(l -> {
            var array = Json.MAPPER.createArrayNode();
            l.forEach(array::add);
            return array;
        });
    }

    private static Arbitrary<String> keys() {
        return Arbitraries.oneOf(Arbitraries.of("id", "order_id", "created_at", "tracking_number", "tracking_numbers",
                "tracking_company", "status", "fulfillments", "customer", "line_items", "destination",
                "refund_line_items", "shop_domain", "email"), Arbitraries.strings().ofMaxLength(8));
    }

    private static Arbitrary<JsonNode> leaves() {
        var f = Json.MAPPER.getNodeFactory();
        return Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(20).map(f::textNode),
                Arbitraries.longs().map(f::numberNode),
                Arbitraries.of(true, false).map(f::booleanNode),
                Arbitraries.just(f.nullNode()),
                Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(14).map(f::textNode),
                Arbitraries.of("2026-03-11T16:04:12+01:00", "1Z999", "DHL Express", "success", "cancelled")
                        .map(f::textNode));
    }

    private static JsonNode object(Map<String, JsonNode> fields) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        fields.forEach(node::set);
        return node;
    }

    private static boolean isJsonObject(byte[] bytes) {
        try {
            JsonNode node = Json.MAPPER.readTree(bytes);
            return node != null && node.isObject();
        } catch (java.io.IOException | RuntimeException e) {
            return false;
        }
    }

    private static JsonNode parse(String json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}
