package dev.doorstep.poller;

import com.fasterxml.jackson.databind.JsonNode;
import dev.doorstep.lambda.Json;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * What EventBridge Scheduler hands the 12-hourly poll: its default payload for a schedule without
 * {@code Input} (version "0", "detail-type" "Scheduled Event", source "aws.scheduler", time, resources,
 * and {@code "detail": "{}"} as a string, not an object). Only {@code time} is read, so no shape of
 * {@code detail} can fail the poll: the runtime's {@code ScheduledEvent} mapping failed on the string
 * (aws-lambda-java-libs issue 479), and a missing or unreadable time means "now".
 *
 * @param time the schedule's own time, the same on every retry of one cycle, to the second
 */
public record ScheduledPoll(Optional<Instant> time) {

    public static ScheduledPoll read(InputStream event) throws IOException {
        JsonNode root = Json.MAPPER.readTree(event);
        JsonNode time = root == null ? null : root.get("time");
        if (time == null || !time.isTextual()) {
            return now();
        }
        try {
            return new ScheduledPoll(Optional.of(Instant.parse(time.asText()).truncatedTo(ChronoUnit.SECONDS)));
        } catch (DateTimeParseException e) {
            return now();
        }
    }

    /** A poll run by hand or by a trigger that names no time. */
    public static ScheduledPoll now() {
        return new ScheduledPoll(Optional.empty());
    }

    public static ScheduledPoll at(Instant time) {
        return new ScheduledPoll(Optional.of(time.truncatedTo(ChronoUnit.SECONDS)));
    }
}
