package dev.doorstep.lambda;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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
        List<String> dimensionSet = new ArrayList<>();
        dimensionSet.add("Function");
        dimensionSet.addAll(dimensions.keySet());
        Map<String, Object> directive = new LinkedHashMap<>();
        directive.put("Namespace", NAMESPACE);
        directive.put("Dimensions", List.of(dimensionSet));
        directive.put("Metrics", List.of(Map.of("Name", name, "Unit", unit)));
        Map<String, Object> aws = new LinkedHashMap<>();
        aws.put("Timestamp", System.currentTimeMillis());
        aws.put("CloudWatchMetrics", List.of(directive));
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("_aws", aws);
        line.put("Function", function);
        line.putAll(dimensions);
        line.put(name, value);
        String text = JsonText.of(line);
        PrintStream target = out;
        synchronized (target) {
            target.println(text);
        }
    }
}
