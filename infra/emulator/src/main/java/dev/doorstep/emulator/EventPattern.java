package dev.doorstep.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;

/**
 * The subset of Lambda event-filter patterns that template.yaml uses: nested objects whose leaves
 * are arrays of allowed values ({@code {"eventName":["INSERT"],"dynamodb":{"NewImage":{"type":{"S":["ORDER"]}}}}}).
 * The local runtime and the reliability suite apply the template's own patterns ({@link TemplateStreamFilters}),
 * so a filter that is wrong there is wrong here.
 */
public final class EventPattern {

    private final JsonNode pattern;

    public EventPattern(JsonNode pattern) {
        this.pattern = pattern;
    }

    public boolean matches(JsonNode event) {
        return matches(pattern, event);
    }

    private static boolean matches(JsonNode pattern, JsonNode event) {
        if (pattern.isArray()) {
            for (JsonNode allowed : pattern) {
                if (event != null && !event.isMissingNode() && allowed.isValueNode() && allowed.equals(event)) {
                    return true;
                }
                if (allowed.isObject() && allowed.has("exists")) {
                    boolean present = event != null && !event.isMissingNode() && !event.isNull();
                    if (present == allowed.get("exists").asBoolean()) {
                        return true;
                    }
                }
            }
            return false;
        }
        if (pattern.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = pattern.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                JsonNode value = event == null ? null : event.get(field.getKey());
                if (!matches(field.getValue(), value)) {
                    return false;
                }
            }
            return true;
        }
        throw new IllegalArgumentException("unsupported pattern element: " + pattern);
    }
}
