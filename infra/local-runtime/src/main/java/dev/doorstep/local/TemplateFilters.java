package dev.doorstep.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the DynamoDB stream filter patterns of a function from template.yaml, so the local runtime
 * filters exactly as the deployed event source mapping does.
 */
final class TemplateFilters {

    private final JsonNode resources;
    private final ObjectMapper json;

    TemplateFilters(Path template, ObjectMapper json) {
        this.json = json;
        try {
            this.resources = new ObjectMapper(new YAMLFactory()).readTree(template.toFile()).path("Resources");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + template, e);
        }
    }

    /** The patterns of the function's DynamoDB stream event; empty list = every record. */
    List<EventPattern> streamFilters(String function) {
        JsonNode events = resources.path(function).path("Properties").path("Events");
        if (events.isMissingNode()) {
            throw new IllegalStateException("template.yaml has no events for " + function);
        }
        List<EventPattern> patterns = new ArrayList<>();
        for (JsonNode event : events) {
            if (!"DynamoDB".equals(event.path("Type").asText())) {
                continue;
            }
            for (JsonNode filter : event.path("Properties").path("FilterCriteria").path("Filters")) {
                try {
                    patterns.add(new EventPattern(json.readTree(filter.path("Pattern").asText())));
                } catch (IOException e) {
                    throw new UncheckedIOException("bad filter pattern for " + function, e);
                }
            }
            return patterns;
        }
        throw new IllegalStateException("template.yaml gives " + function + " no DynamoDB stream event");
    }

    /** Every HttpApi route of the template: method, path and the function's logical id. */
    List<String[]> httpRoutes() {
        List<String[]> routes = new ArrayList<>();
        resources.properties().forEach(resource -> {
            for (JsonNode event : resource.getValue().path("Properties").path("Events")) {
                if ("HttpApi".equals(event.path("Type").asText())) {
                    JsonNode p = event.path("Properties");
                    routes.add(new String[] {p.path("Method").asText().toUpperCase(java.util.Locale.ROOT),
                        p.path("Path").asText(), resource.getKey()});
                }
            }
        });
        return routes;
    }
}
