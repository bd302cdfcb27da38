package dev.doorstep.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Builds the API Gateway HTTP API (payload format 2.0) event JSON for a local request, as API
 * Gateway would: lower-case header names, duplicate headers comma-joined, a text body for JSON,
 * XML and text content types and base64 otherwise.
 */
final class HttpApiEvents {

    private HttpApiEvents() {
    }

    static String of(HttpExchange exchange, ApiRoute route, Map<String, String> pathParameters, byte[] body,
            Instant now, ObjectMapper json) {
        ObjectNode event = json.createObjectNode();
        String path = exchange.getRequestURI().getRawPath();
        String query = exchange.getRequestURI().getRawQuery();
        event.put("version", "2.0");
        event.put("routeKey", route.routeKey());
        event.put("rawPath", path);
        event.put("rawQueryString", query == null ? "" : query);
        ObjectNode headers = event.putObject("headers");
        for (Map.Entry<String, List<String>> h : exchange.getRequestHeaders().entrySet()) {
            headers.put(h.getKey().toLowerCase(Locale.ROOT), String.join(",", h.getValue()));
        }
        if (query != null && !query.isEmpty()) {
            ObjectNode params = event.putObject("queryStringParameters");
            for (String pair : query.split("&")) {
                String[] kv = pair.split("=", 2);
                String key = java.net.URLDecoder.decode(kv[0], StandardCharsets.UTF_8);
                String value = kv.length > 1 ? java.net.URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "";
                params.put(key, params.has(key) ? params.get(key).asText() + "," + value : value);
            }
        }
        if (!pathParameters.isEmpty()) {
            ObjectNode params = event.putObject("pathParameters");
            pathParameters.forEach(params::put);
        }
        ObjectNode context = event.putObject("requestContext");
        context.put("routeKey", route.routeKey());
        context.put("stage", "$default");
        context.put("requestId", UUID.randomUUID().toString());
        context.put("timeEpoch", now.toEpochMilli());
        context.putObject("http").put("method", exchange.getRequestMethod()).put("path", path)
                .put("protocol", "HTTP/1.1").put("sourceIp", exchange.getRemoteAddress().getAddress().getHostAddress());
        if (body.length > 0) {
            String type = exchange.getRequestHeaders().getFirst("content-type");
            if (isText(type)) {
                event.put("body", new String(body, StandardCharsets.UTF_8));
                event.put("isBase64Encoded", false);
            } else {
                event.put("body", Base64.getEncoder().encodeToString(body));
                event.put("isBase64Encoded", true);
            }
        } else {
            event.put("isBase64Encoded", false);
        }
        return event.toString();
    }

    private static boolean isText(String contentType) {
        if (contentType == null) {
            return false;
        }
        String t = contentType.toLowerCase(Locale.ROOT);
        return t.startsWith("text/") || t.startsWith("application/json") || t.startsWith("application/xml")
                || t.startsWith("application/javascript");
    }
}
