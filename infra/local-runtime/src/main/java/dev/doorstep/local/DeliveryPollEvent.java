package dev.doorstep.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * The bytes EventBridge Scheduler sends the delivery poller for the template's {@code ScheduleV2}
 * event without an {@code Input}: an EventBridge-shaped envelope whose {@code detail} is the
 * <em>string</em> {@code "{}"}, not an object (issue 15: the poller once failed on exactly this).
 */
final class DeliveryPollEvent {

    static final String SCHEDULE_ARN = LocalAws.arn("scheduler", "schedule/default/doorstep-delivery-poll");

    private DeliveryPollEvent() {
    }

    static byte[] at(Instant time, ObjectMapper json) {
        ObjectNode event = json.createObjectNode().put("version", "0").put("id", UUID.randomUUID().toString())
                .put("detail-type", "Scheduled Event").put("source", "aws.scheduler").put("account", LocalAws.ACCOUNT)
                .put("time", time.truncatedTo(ChronoUnit.SECONDS).toString()).put("region", "us-east-1");
        event.putArray("resources").add(SCHEDULE_ARN);
        event.put("detail", "{}");
        return event.toString().getBytes(StandardCharsets.UTF_8);
    }
}
