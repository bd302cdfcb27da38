package dev.doorstep.poller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import dev.doorstep.emulator.ProjectRoot;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The 12-hourly trigger's payload as EventBridge Scheduler sends it, not as we would like it. */
class ScheduledPollTest {

    private static String sample() throws IOException {
        return Files.readString(ProjectRoot.find().resolve("events/delivery-poller/scheduled.json"));
    }

    private static ScheduledPoll read(String json) throws IOException {
        return ScheduledPoll.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void theSampleIsSchedulersDefaultPayloadWithItsStringDetail() throws IOException {
        assertThat(sample()).contains("\"detail\": \"{}\"").contains("\"source\": \"aws.scheduler\"");
    }

    @Test
    void schedulersPayloadGivesTheCycleItsScheduledTime() throws IOException {
        assertThat(read(sample()).time()).contains(Instant.parse("2026-03-09T12:00:00Z"));
    }

    @Test
    void theRuntimesScheduledEventMappingFailsOnSchedulersPayloadWhichIsWhyThePollReadsItsOwn() {
        // aws-lambda-java-libs issue 479: what RequestHandler<ScheduledEvent> did on every real cycle.
        assertThatThrownBy(() -> LambdaEventSerializers.serializerFor(ScheduledEvent.class,
                ScheduledPollTest.class.getClassLoader())
                .fromJson(new ByteArrayInputStream(sample().getBytes(StandardCharsets.UTF_8))))
                .hasStackTraceContaining("detail");
    }

    @Test
    void anEventBridgeRulesObjectDetailIsReadToo() throws IOException {
        String rule = "{\"version\":\"0\",\"detail-type\":\"Scheduled Event\",\"source\":\"aws.events\","
                + "\"time\":\"2026-03-09T00:00:00Z\",\"detail\":{}}";
        assertThat(read(rule).time()).contains(Instant.parse("2026-03-09T00:00:00Z"));
    }

    @Test
    void noTimeOrAnUnreadableOneMeansNow() throws IOException {
        assertThat(read("{}").time()).isEqualTo(Optional.empty());
        assertThat(read("{\"time\":\"yesterday\",\"detail\":\"{}\"}").time()).isEmpty();
        assertThat(read("{\"time\":42}").time()).isEmpty();
    }

    @Test
    void fractionsOfASecondAreDroppedSoEveryRetryOfACycleAgrees() throws IOException {
        assertThat(read("{\"time\":\"2026-03-09T12:00:00.734Z\"}").time())
                .contains(Instant.parse("2026-03-09T12:00:00Z"));
    }
}
