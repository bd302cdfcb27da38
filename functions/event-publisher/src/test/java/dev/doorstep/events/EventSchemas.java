package dev.doorstep.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.doorstep.emulator.ProjectRoot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;

/** The published contract: docs/events/{detailType}.v1.json, checked with a JSON Schema 2020-12 validator. */
final class EventSchemas {

    static final Path FOLDER = ProjectRoot.find().resolve("docs/events");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    private static final Map<String, Schema> SCHEMAS = new ConcurrentHashMap<>();

    private EventSchemas() {
    }

    static Path file(String detailType) {
        return FOLDER.resolve(detailType + ".v1.json");
    }

    static JsonNode schemaJson(String detailType) {
        try {
            return JSON.readTree(Files.readString(file(detailType)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What is wrong with {@code detail} as a {@code detailType}; empty when it keeps the contract. */
    static List<String> problems(String detailType, JsonNode detail) {
        if (!Files.exists(file(detailType))) {
            return List.of("no schema docs/events/" + detailType + ".v1.json");
        }
        Schema schema = SCHEMAS.computeIfAbsent(detailType, t -> REGISTRY.getSchema(schemaJson(t)));
        return schema.validate(detail).stream().map(Object::toString).toList();
    }

    static void assertValid(PutEventsRequestEntry entry) {
        try {
            List<String> problems = problems(entry.detailType(), JSON.readTree(entry.detail()));
            if (!problems.isEmpty()) {
                throw new AssertionError(entry.detailType() + " breaks its schema: " + problems + " in "
                        + entry.detail());
            }
        } catch (IOException e) {
            throw new AssertionError("detail is not JSON: " + entry.detail(), e);
        }
    }
}
