package dev.doorstep.reliability;

import static dev.doorstep.reliability.FuzzInputs.anyLong;
import static dev.doorstep.reliability.FuzzInputs.bytes;
import static dev.doorstep.reliability.FuzzInputs.chars;
import static dev.doorstep.reliability.FuzzInputs.strings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.arbitrary;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.longs;

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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;
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

    @BeforeAll
    static void table() {
        DynamoDbClient dynamo = AwsEmulators.shared().client(DynamoDbClient.builder());
        scheduler = new CountingScheduler();
        table = new WebhookTable(dynamo, scheduler, Clock.fixed(NOW, ZoneOffset.UTC));
        shopItem = table.snapshot();
    }

    @Test
    void arbitraryBytesOnAnyTopic() {
        qt().withExamples(60).forAll(samples(), bytes(3000))
                .assuming((sample, bytes) -> !isJsonObject(bytes) || ORDER_TOPICS.contains(sample))
                .checkAssert((sample, bytes) -> check(ShopifyDeliveries.fresh(ShopifyDeliveries.signedBytes(sample,
                        bytes))));
    }

    @Test
    void arbitraryTextOnAnyTopic() {
        qt().withExamples(60).forAll(samples(), strings(3000))
                .assuming((sample, text) -> !isJsonObject(text.getBytes(StandardCharsets.UTF_8))
                        || ORDER_TOPICS.contains(sample))
                .checkAssert((sample, text) -> check(ShopifyDeliveries.fresh(ShopifyDeliveries.signed(sample, text))));
    }

    @Test
    void randomJsonObjectsOnOrderTopics() {
        qt().withExamples(60).forAll(orderTopics(), objects()).checkAssert((sample, json) ->
                check(ShopifyDeliveries.fresh(ShopifyDeliveries.signed(sample, json.toString()))));
    }

    /** The real sample with its order id replaced by something that is not an id, and random extra fields. */
    @Test
    void samplesWithoutAUsableOrderId() {
        qt().withExamples(60).forAll(orderTopics(), notAnId(), objects()).checkAssert((sample, id, extra) -> {
            ObjectNode body = (ObjectNode) parse(ShopifyDeliveries.body(sample));
            extra.fields().forEachRemaining(e -> {
                if (!body.has(e.getKey())) {
                    body.set(e.getKey(), e.getValue());
                }
            });
            body.set(sample.equals("orders-fulfilled") || sample.equals("orders-cancelled") ? "id" : "order_id", id);
            check(ShopifyDeliveries.fresh(ShopifyDeliveries.signed(sample, body.toString())));
        });
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

    private static Gen<String> samples() {
        return arbitrary().pick(ShopifyDeliveries.SAMPLES);
    }

    private static Gen<String> orderTopics() {
        return arbitrary().pick(ORDER_TOPICS);
    }

    /** Letters after an x, a boolean, null, a number with cents (within a million), an object or an array. */
    private static Gen<JsonNode> notAnId() {
        var f = Json.MAPPER.getNodeFactory();
        return Generate.<JsonNode>oneOf(
                strings(Generate.oneOf(chars('a', 'z'), chars('A', 'Z')), 0, 12).map(s -> f.textNode("x" + s)),
                booleans().all().map(f::booleanNode),
                arbitrary().constant(f.nullNode()),
                longs().between(-100_000_000, 100_000_000).assuming(cents -> cents % 100 != 0)
                        .map(cents -> f.numberNode(cents / 100.0)),
                objects(), arrays());
    }

    private static Gen<JsonNode> objects() {
        return FuzzInputs.objects(keys(), leaves(), 6);
    }

    private static Gen<JsonNode> arrays() {
        return FuzzInputs.arrays(leaves(), 4);
    }

    private static Gen<String> keys() {
        return Generate.oneOf(arbitrary().pick("id", "order_id", "created_at", "tracking_number", "tracking_numbers",
                "tracking_company", "status", "fulfillments", "customer", "line_items", "destination",
                "refund_line_items", "shop_domain", "email"), strings(8));
    }

    private static Gen<JsonNode> leaves() {
        var f = Json.MAPPER.getNodeFactory();
        return Generate.<JsonNode>oneOf(
                strings(20).map(f::textNode),
                anyLong().map(f::numberNode),
                booleans().all().map(f::booleanNode),
                arbitrary().constant(f.nullNode()),
                strings(chars('0', '9'), 1, 14).map(f::textNode),
                arbitrary().pick("2026-03-11T16:04:12+01:00", "1Z999", "DHL Express", "success", "cancelled")
                        .map(f::textNode));
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
