package dev.doorstep.aftership.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** An HTTP answer: status, extra headers and a JSON body. */
record Reply(int status, Map<String, String> headers, JsonNode body, long delayMillis) {

    static Reply of(int status, JsonNode body) {
        return new Reply(status, new LinkedHashMap<>(), body, 0);
    }

    /** The same answer, sent only after {@code millis} (a slow AfterShip). */
    Reply delayed(long millis) {
        return new Reply(status, headers, body, millis);
    }

    Reply header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    void send(HttpExchange exchange) throws IOException {
        if (delayMillis > 0) {
            try {
                Thread.sleep(delayMillis); // on the exchange's own virtual thread: it holds up nobody else
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        byte[] bytes = body == null ? new byte[0] : body.toString().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("content-type", "application/json; charset=utf-8");
        headers.forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
        exchange.close();
    }
}
