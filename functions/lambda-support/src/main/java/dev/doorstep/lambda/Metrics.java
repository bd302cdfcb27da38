package dev.doorstep.lambda;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.util.Map;

/**
 * CloudWatch embedded metric format: a metric is a JSON log line that CloudWatch turns into a
 * metric, with no API call on the hot path. Namespace {@value #NAMESPACE}.
 */
public final class Metrics {

    public static final String NAMESPACE = "Doorstep";

    private static volatile PrintStream out = System.out;

    private final String function;

    private Metrics(String function) {
        this.function = function;
    }

    public static Metrics forFunction(String function) {
        return new Metrics(function);
    }

    public static void redirect(PrintStream stream) {
        out = stream;
    }

    /** A count of one, e.g. {@code count("WebhooksRejected", Map.of("Reason", "bad-hmac"))}. */
    public void count(String name, Map<String, String> dimensions) {
        emit(name, 1, "Count", dimensions);
    }

    public void count(String name) {
        count(name, Map.of());
    }

    public void emit(String name, double value, String unit, Map<String, String> dimensions) {
        ObjectNode line = Json.MAPPER.createObjectNode();
        ObjectNode aws = line.putObject("_aws");
        aws.put("Timestamp", System.currentTimeMillis());
        ObjectNode directive = aws.putArray("CloudWatchMetrics").addObject();
        directive.put("Namespace", NAMESPACE);
        ArrayNode dimensionSet = directive.putArray("Dimensions").addArray();
        dimensionSet.add("Function");
        dimensions.keySet().forEach(dimensionSet::add);
        directive.putArray("Metrics").addObject().put("Name", name).put("Unit", unit);
        line.put("Function", function);
        dimensions.forEach(line::put);
        line.put(name, value);
        try {
            String text = Json.MAPPER.writeValueAsString(line);
            PrintStream target = out;
            synchronized (target) {
                target.println(text);
            }
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
