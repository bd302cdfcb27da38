package dev.doorstep.lambda;

import java.io.PrintStream;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One JSON object per line on stdout, which Lambda ships to CloudWatch Logs as is. Every line
 * carries the function and, where known, the shop and order ids. Callers pass ids and reasons only:
 * never a secret, an API key, an email address, a name or a phone number.
 */
public final class JsonLog {

    private static volatile PrintStream out = System.out;

    private final String logger;

    private JsonLog(String logger) {
        this.logger = logger;
    }

    public static JsonLog of(Class<?> type) {
        return new JsonLog(type.getSimpleName());
    }

    /** Tests capture the log lines here (for example to prove no personal data is logged). */
    public static void redirect(PrintStream stream) {
        out = stream;
    }

    public void info(String message, Map<String, ?> fields) {
        write("INFO", message, fields, null);
    }

    public void info(String message) {
        write("INFO", message, Map.of(), null);
    }

    public void warn(String message, Map<String, ?> fields) {
        write("WARN", message, fields, null);
    }

    public void error(String message, Map<String, ?> fields, Throwable error) {
        write("ERROR", message, fields, error);
    }

    private void write(String level, String message, Map<String, ?> fields, Throwable error) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("timestamp", Instant.now().toString());
        line.put("level", level);
        line.put("logger", logger);
        line.put("message", message);
        line.putAll(fields);
        if (error != null) {
            // The class and message only: messages of our own exceptions carry ids, never personal data.
            line.put("errorType", error.getClass().getName());
            line.put("errorMessage", String.valueOf(error.getMessage()));
        }
        String text;
        try {
            text = JsonText.of(line);
        } catch (RuntimeException e) {
            text = "{\"level\":\"ERROR\",\"message\":\"log line could not be written\"}";
        }
        PrintStream target = out;
        synchronized (target) {
            target.println(text);
        }
    }
}
