package dev.doorstep.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The filter patterns of a function's DynamoDB stream event in template.yaml, so what stands in for the
 * event source mapping (the local runtime, the reliability suite) lets through exactly what AWS does.
 */
public final class TemplateStreamFilters {

    private static final ObjectMapper JSON = new ObjectMapper();

    private TemplateStreamFilters() {
    }

    /** The patterns of {@code function}'s DynamoDB stream event; an empty list lets every record through. */
    public static List<EventPattern> of(Path template, String function) {
        JsonNode events;
        try {
            events = new ObjectMapper(new YAMLFactory()).readTree(template.toFile())
                    .path("Resources").path(function).path("Properties").path("Events");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + template, e);
        }
        if (events.isMissingNode()) {
            throw new IllegalStateException("template.yaml has no events for " + function);
        }
        for (JsonNode event : events) {
            if (!"DynamoDB".equals(event.path("Type").asText())) {
                continue;
            }
            List<EventPattern> patterns = new ArrayList<>();
            for (JsonNode filter : event.path("Properties").path("FilterCriteria").path("Filters")) {
                try {
                    patterns.add(new EventPattern(JSON.readTree(filter.path("Pattern").asText())));
                } catch (IOException e) {
                    throw new UncheckedIOException("bad filter pattern for " + function, e);
                }
            }
            return patterns;
        }
        throw new IllegalStateException("template.yaml gives " + function + " no DynamoDB stream event");
    }

    /** Whether a record (the JSON Lambda hands over, {@link StreamRecordJson}) passes: any pattern, or none given. */
    public static boolean letThrough(List<EventPattern> patterns, JsonNode record) {
        return patterns.isEmpty() || patterns.stream().anyMatch(p -> p.matches(record));
    }
}
