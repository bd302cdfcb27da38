package dev.doorstep.reliability;

import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.doorstep.lambda.Json;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/** Generators of the webhook fuzz properties: strings, bytes, numbers and JSON shapes of bounded size. */
final class FuzzInputs {

    /** Every UTF-16 char but surrogates, noncharacters and private use ones: the alphabet the fuzzing always used. */
    private static final String ANY_CHARS = IntStream.rangeClosed(Character.MIN_VALUE, Character.MAX_VALUE)
            .filter(c -> !Character.isSurrogate((char) c) && !isNoncharacter(c)
                    && Character.getType(c) != Character.PRIVATE_USE)
            .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();

    private FuzzInputs() {
    }

    private static Gen<Character> anyChar() {
        return integers().between(0, ANY_CHARS.length() - 1).map(ANY_CHARS::charAt);
    }

    static Gen<Character> chars(char first, char last) {
        return integers().between(first, last).map(c -> (char) c.intValue());
    }

    static Gen<String> strings(int maxLength) {
        return strings(anyChar(), 0, maxLength);
    }

    static Gen<String> strings(Gen<Character> chars, int minLength, int maxLength) {
        return lists().of(chars).ofSizeBetween(minLength, maxLength)
                .map(l -> l.stream().map(String::valueOf).collect(Collectors.joining()));
    }

    static Gen<byte[]> bytes(int maxLength) {
        return Generate.byteArrays(integers().between(0, maxLength),
                Generate.bytes(Byte.MIN_VALUE, Byte.MAX_VALUE, (byte) 0)).describedAs(Arrays::toString);
    }

    /** Any long, every order of magnitude alike, so small ones (ids, counts) come up as often as huge ones. */
    static Gen<Long> anyLong() {
        Gen<Long> upToEighteenDigits = integers().between(0, 18).flatMap(digits -> {
            long bound = (long) Math.pow(10, digits);
            return longs().between(-bound, bound);
        });
        return upToEighteenDigits.mix(longs().all());
    }

    /**
     * Finite doubles with at most two decimals: cents of every order of magnitude, and any magnitude up to
     * {@link Double#MAX_VALUE} (drawn by bit pattern, then rounded).
     */
    static Gen<Double> twoDecimalDoubles() {
        Gen<Double> cents = anyLong().map(c -> c / 100.0);
        Gen<Double> anyMagnitude = doubles().any()
                .map(d -> BigDecimal.valueOf(Math.clamp(d, -Double.MAX_VALUE, Double.MAX_VALUE))
                        .setScale(2, RoundingMode.HALF_EVEN).doubleValue());
        return cents.mix(anyMagnitude);
    }

    /** Objects of up to maxFields fields (a key drawn twice is one field). */
    static Gen<JsonNode> objects(Gen<String> keys, Gen<JsonNode> values, int maxFields) {
        Gen<Integer> fieldCount = integers().between(0, maxFields);
        return in -> {
            ObjectNode node = Json.MAPPER.createObjectNode();
            for (int i = fieldCount.generate(in); i > 0; i--) {
                node.set(keys.generate(in), values.generate(in));
            }
            return node;
        };
    }

    static Gen<JsonNode> arrays(Gen<JsonNode> elements, int maxSize) {
        return lists().of(elements).ofSizeBetween(0, maxSize).map(FuzzInputs::array);
    }

    private static JsonNode array(List<JsonNode> elements) {
        ArrayNode array = Json.MAPPER.createArrayNode();
        elements.forEach(array::add);
        return array;
    }

    private static boolean isNoncharacter(int c) {
        return (c >= 0xFDD0 && c <= 0xFDEF) || c == 0xFFFE || c == 0xFFFF;
    }
}
