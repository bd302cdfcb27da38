package dev.doorstep.lambda;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;

/**
 * JSON text of log lines, metric lines and response bodies, written with Jackson's streaming generator.
 * Maps, collections, strings, numbers, booleans, enums and instants are written here directly, JSON
 * trees by the generator; anything else (a record body, say) goes through {@link Json#MAPPER}. Why:
 * data binding's serializer set-up is about 25 ms of a webhook's first request, and these shapes never
 * need it.
 */
public final class JsonText {

    private JsonText() {
    }

    /** {@code value} as JSON text, the same text {@code Json.MAPPER.writeValueAsString} gives. */
    public static String of(Object value) {
        StringWriter text = new StringWriter(256);
        try (JsonGenerator generator = Json.MAPPER.getFactory().createGenerator(text)) {
            write(generator, value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    private static void write(JsonGenerator g, Object value) throws IOException {
        switch (value) {
            case null -> g.writeNull();
            case String s -> g.writeString(s);
            case Boolean b -> g.writeBoolean(b);
            case Integer i -> g.writeNumber(i);
            case Long l -> g.writeNumber(l);
            case Short s -> g.writeNumber(s);
            case Double d -> g.writeNumber(d);
            case Float f -> g.writeNumber(f);
            case BigDecimal d -> g.writeNumber(d);
            case BigInteger i -> g.writeNumber(i);
            case Enum<?> e -> g.writeString(e.name());
            case Instant i -> g.writeString(i.toString());
            case Map<?, ?> map -> {
                g.writeStartObject();
                for (Map.Entry<?, ?> entry : map.entrySet()) {
                    g.writeFieldName(String.valueOf(entry.getKey()));
                    write(g, entry.getValue());
                }
                g.writeEndObject();
            }
            case JsonNode tree -> Json.MAPPER.writeTree(g, tree); // an ObjectNode is Iterable: not a list
            case Collection<?> items -> {
                g.writeStartArray();
                for (Object item : items) {
                    write(g, item);
                }
                g.writeEndArray();
            }
            default -> Json.MAPPER.writeValue(g, value);
        }
    }
}
