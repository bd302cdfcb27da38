package dev.doorstep.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.doorstep.lambda.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The 12-hourly poll reaches the poller locally as EventBridge Scheduler sends it for a ScheduleV2
 * without Input (issue 15): the EventBridge envelope with {@code "detail": "{}"}, a string.
 */
class DeliveryPollEventTest {

    @Test
    void thePollIsSchedulersOwnPayloadWithAStringDetail() throws Exception {
        Instant at = Instant.parse("2026-12-04T21:30:15.123Z");

        JsonNode event = Json.MAPPER.readTree(DeliveryPollEvent.at(at, Json.MAPPER));

        List<String> fields = new ArrayList<>();
        event.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).containsExactly("version", "id", "detail-type", "source", "account", "time", "region",
                "resources", "detail");
        assertThat(event.path("detail").isTextual()).isTrue();
        assertThat(event.path("detail").asText()).isEqualTo("{}");
        assertThat(event.path("version").asText()).isEqualTo("0");
        assertThat(event.path("detail-type").asText()).isEqualTo("Scheduled Event");
        assertThat(event.path("source").asText()).isEqualTo("aws.scheduler");
        assertThat(event.path("time").asText()).isEqualTo("2026-12-04T21:30:15Z");
        assertThat(event.path("resources")).singleElement()
                .satisfies(arn -> assertThat(arn.asText()).startsWith("arn:aws:scheduler:").contains(":schedule/"));
    }

    @Test
    void theLocalPollRunsThePollerOnThoseBytes() {
        try (LocalRuntime runtime = LocalRuntime.start(0, LocalRuntime.DEFAULT_SHOPIFY_SECRET)) {
            List<String> fired = runtime.advance(java.time.Duration.ofHours(12));

            assertThat(fired).anyMatch(f -> f.endsWith("delivery poll"));
        }
    }
}
