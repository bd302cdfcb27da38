package dev.doorstep.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.doorstep.emulator.EventPattern;
import dev.doorstep.emulator.TemplateStreamFilters;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What the local runtime takes from template.yaml: each stream function's filter patterns, so it filters
 * exactly as the deployed event source mapping does, and the HttpApi routes.
 */
final class TemplateFilters {

    private final Path template;
    private final JsonNode resources;

    TemplateFilters(Path template) {
        this.template = template;
        try {
            this.resources = new ObjectMapper(new YAMLFactory()).readTree(template.toFile()).path("Resources");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + template, e);
        }
    }

    /** The patterns of the function's DynamoDB stream event; empty list = every record. */
    List<EventPattern> streamFilters(String function) {
        return TemplateStreamFilters.of(template, function);
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
