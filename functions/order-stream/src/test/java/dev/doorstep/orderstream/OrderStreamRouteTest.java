package dev.doorstep.orderstream;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.doorstep.emulator.ProjectRoot;
import dev.doorstep.emulator.TableStream;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The route of a record is the filter pattern of template.yaml that lets it through: pattern 0 the
 * tracking creator's, pattern 1 the fallback's, none of them neither. Checked on the samples and on
 * variations of them that one of the tests, and only one, should turn away.
 */
class OrderStreamRouteTest {

    static final ObjectMapper JSON = new ObjectMapper();

    record Case(String name, String sample, Consumer<ObjectNode> change, OrderStreamRoute route) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Case> cases() {
        return List.of(
                new Case("an INSERTed order in CREATING_TRACKING", "order-inserted.json", r -> { },
                        OrderStreamRoute.TRACKING_CREATION),
                new Case("a TTL deletion of a FALLBACK entry", "ttl-remove.json", r -> { }, OrderStreamRoute.FALLBACK),
                new Case("the order MODIFYed", "order-inserted.json", r -> r.put("eventName", "MODIFY"),
                        OrderStreamRoute.NEITHER),
                new Case("an INSERTed order already waiting", "order-inserted.json",
                        r -> ((ObjectNode) r.at("/dynamodb/NewImage/status")).put("S", "WAITING_FOR_DELIVERY"),
                        OrderStreamRoute.NEITHER),
                new Case("an INSERTed shop item", "order-inserted.json",
                        r -> ((ObjectNode) r.at("/dynamodb/NewImage/type")).put("S", "SHOP"), OrderStreamRoute.NEITHER),
                new Case("a caller's delete of the FALLBACK entry", "ttl-remove.json", r -> r.remove("userIdentity"),
                        OrderStreamRoute.NEITHER),
                new Case("a delete by another service principal", "ttl-remove.json",
                        r -> ((ObjectNode) r.get("userIdentity")).put("principalId", "events.amazonaws.com"),
                        OrderStreamRoute.NEITHER),
                new Case("a TTL deletion of an ORDER item", "ttl-remove.json",
                        r -> ((ObjectNode) r.at("/dynamodb/OldImage/type")).put("S", "ORDER"), OrderStreamRoute.NEITHER));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void theRouteIsTheTemplatesFilterThatMatches(Case c) throws IOException {
        ObjectNode record = (ObjectNode) JSON.readTree(Files.readString(
                ProjectRoot.find().resolve("events/order-stream").resolve(c.sample()))).at("/Records/0");
        c.change().accept(record);
        DynamodbEvent.DynamodbStreamRecord read = TableStream.read("{\"Records\":[" + record + "]}").getRecords().getFirst();

        List<Integer> matching = new ArrayList<>();
        List<JsonNode> patterns = templatePatterns();
        for (int i = 0; i < patterns.size(); i++) {
            if (matches(patterns.get(i), record)) {
                matching.add(i);
            }
        }

        assertThat(OrderStreamRoute.of(read)).isEqualTo(c.route());
        assertThat(matching).as("template patterns that let it through").isEqualTo(switch (c.route()) {
            case TRACKING_CREATION -> List.of(0);
            case FALLBACK -> List.of(1);
            case NEITHER -> List.of();
        });
    }

    /** OrderStreamFunction's filter patterns, in order. */
    static List<JsonNode> templatePatterns() throws IOException {
        JsonNode template = new ObjectMapper(new YAMLFactory()).readTree(ProjectRoot.find().resolve("template.yaml").toFile());
        JsonNode filters = template.at("/Resources/OrderStreamFunction/Properties/Events/OrderStream/Properties/FilterCriteria/Filters");
        assertThat(filters.size()).as("one pattern per route").isEqualTo(2);
        List<JsonNode> patterns = new ArrayList<>();
        for (JsonNode filter : filters) {
            patterns.add(JSON.readTree(filter.path("Pattern").asText()));
        }
        return patterns;
    }

    /** Lambda's filter semantics for the patterns the template uses: nested keys, leaf lists of allowed strings. */
    static boolean matches(JsonNode pattern, JsonNode record) {
        for (Map.Entry<String, JsonNode> field : pattern.properties()) {
            JsonNode value = record.path(field.getKey());
            if (field.getValue().isArray()) {
                boolean any = false;
                for (JsonNode allowed : field.getValue()) {
                    any |= value.isTextual() && value.asText().equals(allowed.asText());
                }
                if (!any) {
                    return false;
                }
            } else if (!matches(field.getValue(), value)) {
                return false;
            }
        }
        return true;
    }
}
