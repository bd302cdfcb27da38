package dev.doorstep.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ScheduleTimeTest {

    private static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");

    @Test
    @DisplayName("the repeated hour when clocks go back is written in UTC, so it cannot fire an hour early")
    void ambiguousLocalTime() {
        // 2026-10-25 02:30 happens twice in Berlin; 00:30Z is the first, CEST one.
        ScheduleTime t = ScheduleTime.of(Instant.parse("2026-10-25T00:30:00Z"), ZoneId.of("Europe/Berlin"), NOW);
        assertThat(t.expression()).isEqualTo("at(2026-10-25T00:30:00)");
        assertThat(t.timezone()).isEqualTo("UTC");
    }

    @Test
    @DisplayName("a fixed offset is not an IANA zone: written in UTC")
    void bareOffset() {
        ScheduleTime t = ScheduleTime.of(Instant.parse("2026-03-15T08:30:00Z"), ZoneOffset.ofHours(2), NOW);
        assertThat(t.timezone()).isEqualTo("UTC");
        assertThat(t.expression()).isEqualTo("at(2026-03-15T08:30:00)");
    }

    @Test
    @DisplayName("fractions of a second round up, never down, so the schedule never fires early")
    void roundsUp() {
        ScheduleTime t = ScheduleTime.of(Instant.parse("2026-03-15T08:30:00.250Z"), ZoneOffset.UTC, NOW);
        assertThat(t.expression()).isEqualTo("at(2026-03-15T08:30:01)");
    }
}
