package dev.doorstep.webhook.shopify;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.doorstep.lambda.Json;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Typed reads of a Shopify JSON payload. A missing or null field is "absent"; a field of the wrong
 * type is a 400 naming the field (never its value: it may be personal data).
 */
final class PayloadReader {

    private static final ObjectReader STRICT = Json.MAPPER.reader()
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .with(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS);

    private PayloadReader() {
    }

    static JsonNode parseObject(byte[] body) {
        JsonNode root;
        try {
            root = STRICT.readTree(body);
        } catch (IOException e) {
            throw Rejected.badPayload("body is not valid JSON (malformed or truncated)");
        }
        if (root == null || !root.isObject()) {
            throw Rejected.badPayload("body must be a JSON object");
        }
        return root;
    }

    /** Shopify ids are 64-bit integers (18 digits in samples): kept as exact decimal text. */
    static String id(JsonNode node, String path) {
        JsonNode v = node.get(path);
        if (absent(v)) {
            return null;
        }
        if (v.isIntegralNumber()) {
            return v.bigIntegerValue().toString();
        }
        if (v.isTextual() && v.asText().matches("\\d{1,20}")) {
            return v.asText();
        }
        throw Rejected.badPayload(path + " must be an integer id");
    }

    static String requiredId(JsonNode node, String path) {
        String id = id(node, path);
        if (id == null) {
            throw Rejected.badPayload(path + " is required");
        }
        return id;
    }

    static String text(JsonNode node, String path) {
        JsonNode v = node.get(path);
        if (absent(v)) {
            return null;
        }
        if (!v.isTextual()) {
            throw Rejected.badPayload(path + " must be a string");
        }
        return v.asText().isBlank() ? null : v.asText().trim();
    }

    static String countryCode(JsonNode node, String path) {
        String code = text(node, path);
        if (code == null) {
            return null;
        }
        if (!code.matches("[A-Za-z]{2}")) {
            throw Rejected.badPayload(path + " must be a two-letter country code");
        }
        return code.toUpperCase(Locale.ROOT);
    }

    static Instant time(JsonNode node, String path) {
        String text = text(node, path);
        if (text == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw Rejected.badPayload(path + " must be an ISO-8601 timestamp with offset");
        }
    }

    static int integer(JsonNode node, String path, int otherwise) {
        JsonNode v = node.get(path);
        if (absent(v)) {
            return otherwise;
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            throw Rejected.badPayload(path + " must be an integer");
        }
        return v.intValue();
    }

    static JsonNode object(JsonNode node, String path) {
        JsonNode v = node.get(path);
        if (absent(v)) {
            return MissingNode.getInstance();
        }
        if (!v.isObject()) {
            throw Rejected.badPayload(path + " must be an object");
        }
        return v;
    }

    static List<JsonNode> objects(JsonNode node, String path) {
        return elements(node, path, JsonNode::isObject, "objects");
    }

    static List<String> texts(JsonNode node, String path) {
        return elements(node, path, JsonNode::isTextual, "strings").stream().map(JsonNode::asText).toList();
    }

    /** The elements of an optional array at {@code path}, each of the kind {@code wanted} accepts. */
    private static List<JsonNode> elements(JsonNode node, String path, java.util.function.Predicate<JsonNode> wanted,
            String kind) {
        JsonNode v = node.get(path);
        if (absent(v)) {
            return List.of();
        }
        if (!v.isArray()) {
            throw Rejected.badPayload(path + " must be an array");
        }
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode element : v) {
            if (!wanted.test(element)) {
                throw Rejected.badPayload(path + " must hold " + kind);
            }
            out.add(element);
        }
        return out;
    }

    static List<String> ids(JsonNode node, String path) {
        JsonNode v = node.get(path);
        if (absent(v)) {
            return List.of();
        }
        if (!v.isArray()) {
            throw Rejected.badPayload(path + " must be an array");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode element : v) {
            if (element.isIntegralNumber()) {
                out.add(element.bigIntegerValue().toString());
            } else if (element.isTextual() && element.asText().matches("\\d{1,20}")) {
                out.add(element.asText());
            } else {
                throw Rejected.badPayload(path + " must hold integer ids");
            }
        }
        return out;
    }

    private static boolean absent(JsonNode v) {
        return v == null || v.isNull() || v.isMissingNode();
    }
}
