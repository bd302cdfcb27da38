package dev.doorstep.orderstream;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.doorstep.emulator.EventPattern;
import dev.doorstep.emulator.ProjectRoot;
import dev.doorstep.emulator.TableStream;
import dev.doorstep.emulator.TemplateStreamFilters;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
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
        List<EventPattern> patterns = templatePatterns();
        for (int i = 0; i < patterns.size(); i++) {
            if (patterns.get(i).matches(record)) {
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

    /** OrderStreamFunction's filter patterns, in order, read as the local runtime and the reliability suite read them. */
    static List<EventPattern> templatePatterns() {
        List<EventPattern> patterns = TemplateStreamFilters.of(ProjectRoot.find().resolve("template.yaml"),
                "OrderStreamFunction");
        assertThat(patterns).as("one pattern per route").hasSize(2);
        return patterns;
    }
}
