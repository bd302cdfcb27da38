package dev.doorstep.aftership.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

/** The sandbox's own control API under {@code /sandbox} (README.md lists it). */
final class ControlRoutes implements HttpHandler {

    private final AfterShipSandbox sandbox;

    ControlRoutes(AfterShipSandbox sandbox) {
        this.sandbox = sandbox;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        String route = exchange.getRequestURI().getPath().substring("/sandbox".length());
        String method = exchange.getRequestMethod();
        JsonNode body;
        try {
            byte[] raw = exchange.getRequestBody().readAllBytes();
            body = raw.length == 0 ? WireFormat.JSON.createObjectNode() : WireFormat.JSON.readTree(raw);
        } catch (IOException e) {
            Reply.of(400, message("body is not JSON")).send(exchange);
            return;
        }
        Reply reply;
        try {
            reply = answer(method, route, body);
        } catch (IllegalArgumentException | java.time.DateTimeException e) {
            reply = Reply.of(400, message(e.getMessage()));
        }
        reply.send(exchange);
    }

    private Reply answer(String method, String route, JsonNode body) {
        switch (method + " " + route) {
            case "POST /reset" -> sandbox.reset();
            case "POST /script" -> sandbox.script(required(body, "trackingNumber"), script(body));
            case "POST /default" -> sandbox.defaultScript(script(body));
            case "POST /accounts" -> account(body);
            case "POST /faults" -> sandbox.failNext(required(body, "apiKey"), body.path("status").asInt(503),
                    body.path("count").asInt(1));
            case "POST /clock" -> {
                if (body.hasNonNull("now")) {
                    sandbox.clock(Instant.parse(body.get("now").asText()));
                }
                if (body.hasNonNull("advanceSeconds")) {
                    sandbox.advance(Duration.ofSeconds(body.get("advanceSeconds").asLong()));
                }
            }
            case "GET /clock" -> {
                return Reply.of(200, WireFormat.JSON.createObjectNode().put("now", sandbox.now().toString()));
            }
            case "POST /webhooks" -> sandbox.webhooks(body.hasNonNull("url") ? URI.create(body.get("url").asText()) : null,
                    body.path("secret").asText(null), body.path("version").asText(null));
            case "POST /webhooks/send" -> {
                int status = sandbox.sendWebhook(required(body, "trackingId"), URI.create(required(body, "url")),
                        required(body, "secret"), body.path("badSignature").asBoolean(false));
                return Reply.of(200, WireFormat.JSON.createObjectNode().put("status", status));
            }
            case "GET /trackings" -> {
                ArrayNode list = WireFormat.JSON.createArrayNode();
                for (String id : sandbox.trackingIds()) {
                    sandbox.tracking(id, "2026-07").ifPresent(list::add);
                }
                return Reply.of(200, list);
            }
            case "GET /requests" -> {
                ArrayNode list = WireFormat.JSON.createArrayNode();
                for (RecordedRequest r : sandbox.requests()) {
                    list.addObject().put("at", r.at().toString()).put("method", r.method()).put("path", r.path())
                            .put("query", r.query()).put("version", r.version()).put("keyHeader", r.keyHeader())
                            .put("keyId", r.keyId()).put("body", r.body()).put("status", r.status());
                }
                return Reply.of(200, list);
            }
            default -> {
                if (method.equals("POST") && route.matches("/trackings/[^/]+/deliver")) {
                    String id = route.split("/")[2];
                    Instant at = body.hasNonNull("at") ? Instant.parse(body.get("at").asText()) : sandbox.now();
                    return sandbox.deliver(id, at) ? ok() : Reply.of(404, message("no tracking " + id));
                }
                return Reply.of(404, message("no control route " + method + " /sandbox" + route));
            }
        }
        return ok();
    }

    private void account(JsonNode body) {
        String key = required(body, "apiKey");
        if (body.has("couriers")) {
            Set<String> slugs = null;
            if (body.get("couriers").isArray()) {
                slugs = new HashSet<>();
                for (JsonNode s : body.get("couriers")) {
                    slugs.add(s.asText());
                }
            }
            sandbox.activateCouriers(key, slugs);
        }
        if (body.has("quota")) {
            sandbox.quota(key, body.get("quota").asInt());
        }
        if (body.path("invalid").asBoolean(false)) {
            sandbox.revokeKey(key);
        }
        if (body.has("delayMillis")) {
            sandbox.slowAnswers(key, Duration.ofMillis(body.get("delayMillis").asLong()));
        }
        body.path("limits").properties().forEach(e ->
                sandbox.rateLimit(key, Endpoint.valueOf(e.getKey()), e.getValue().asInt()));
    }

    private static Script script(JsonNode body) {
        Script.Kind kind = Script.Kind.valueOf(body.path("kind").asText("DELIVERED_AFTER_POLLS"));
        return new Script(kind, body.path("polls").asInt(1),
                body.hasNonNull("deliverAt") ? Instant.parse(body.get("deliverAt").asText()) : null,
                body.path("rateLimited").asInt(0), body.path("serverErrors").asInt(0), body.path("delayMillis").asLong(0));
    }

    private static String required(JsonNode body, String field) {
        if (!body.hasNonNull(field)) {
            throw new IllegalArgumentException("'" + field + "' is required");
        }
        return body.get(field).asText();
    }

    private static Reply ok() {
        return Reply.of(200, WireFormat.JSON.createObjectNode().put("status", "ok"));
    }

    private static ObjectNode message(String text) {
        return WireFormat.JSON.createObjectNode().put("status", "error").put("reason", String.valueOf(text));
    }
}
