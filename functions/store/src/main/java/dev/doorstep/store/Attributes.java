package dev.doorstep.store;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Small readers and writers for optional attributes: an absent attribute is a null field. */
final class Attributes {

    private Attributes() {
    }

    static void put(Map<String, AttributeValue> item, String name, String value) {
        if (value != null) {
            item.put(name, AttributeValue.fromS(value));
        }
    }

    static void put(Map<String, AttributeValue> item, String name, Instant value) {
        if (value != null) {
            item.put(name, AttributeValue.fromS(value.toString()));
        }
    }

    static void put(Map<String, AttributeValue> item, String name, long value) {
        item.put(name, AttributeValue.fromN(Long.toString(value)));
    }

    static void put(Map<String, AttributeValue> item, String name, boolean value) {
        item.put(name, AttributeValue.fromBool(value));
    }

    static String string(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        return v == null || v.s() == null ? null : v.s();
    }

    static Instant instant(Map<String, AttributeValue> item, String name) {
        String s = string(item, name);
        return s == null ? null : Instant.parse(s);
    }

    static Duration duration(Map<String, AttributeValue> item, String name) {
        String s = string(item, name);
        return s == null ? null : Duration.parse(s);
    }

    static long number(Map<String, AttributeValue> item, String name, long otherwise) {
        AttributeValue v = item.get(name);
        return v == null || v.n() == null ? otherwise : Long.parseLong(v.n());
    }

    static boolean bool(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        return v != null && Boolean.TRUE.equals(v.bool());
    }

    static Map<String, AttributeValue> map(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        return v == null || !v.hasM() ? Map.of() : v.m();
    }

    static long epochSeconds(Instant at) {
        return at.getEpochSecond();
    }
}
