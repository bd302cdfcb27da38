package dev.doorstep.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class JsonTextTest {

    record Body(String status, List<String> orderIds, Instant at) {
    }

    @Test
    void writesTheSameTextAsTheObjectMapper() throws Exception {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("text", "quote \" backslash \\ newline \n tab \t unicode \u00e9 \u2028 control \u0001");
        value.put("int", 42);
        value.put("long", 12_345_678_901_234L);
        value.put("short", (short) 7);
        value.put("double", 1.0);
        value.put("float", 2.5f);
        value.put("decimal", new BigDecimal("10.50"));
        value.put("true", true);
        value.put("null", null);
        value.put("enum", TimeUnit.SECONDS);
        value.put("instant", Instant.parse("2026-03-11T15:04:12.120Z"));
        value.put("list", List.of("a", 1, List.of(), Map.of()));
        value.put("nested", Map.of("k", Arrays.asList(null, "v")));
        value.put("record", new Body("accepted", List.of("1001"), Instant.EPOCH));
        value.put("duration", Duration.ofSeconds(90));
        value.put("array", new int[] {1, 2});
        value.put("tree", Json.MAPPER.createObjectNode().put("window", "09:00-20:00").set("days",
                Json.MAPPER.createArrayNode().add(1).add("two")));
        value.put("set", new java.util.TreeSet<>(List.of("b", "a")));

        assertThat(JsonText.of(value)).isEqualTo(Json.MAPPER.writeValueAsString(value));
    }

    @Test
    void writesTopLevelValuesOfEveryKind() throws Exception {
        for (Object value : Arrays.asList(null, "s", 1, List.of(1, "two"), new Body("ignored", List.of(), null),
                Json.MAPPER.createObjectNode().put("k", "v"), Json.MAPPER.createArrayNode().add(true))) {
            assertThat(JsonText.of(value)).isEqualTo(Json.MAPPER.writeValueAsString(value));
        }
    }
}
