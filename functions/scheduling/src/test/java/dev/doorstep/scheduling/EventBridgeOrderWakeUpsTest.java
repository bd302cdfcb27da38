package dev.doorstep.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import dev.doorstep.core.model.OrderKey;
import dev.doorstep.emulator.WithAwsEmulator;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.scheduler.model.ActionAfterCompletion;
import software.amazon.awssdk.services.scheduler.model.FlexibleTimeWindowMode;
import software.amazon.awssdk.services.scheduler.model.GetScheduleResponse;

/** Order wake-ups against the emulator's EventBridge Scheduler. */
@WithAwsEmulator
class EventBridgeOrderWakeUpsTest {

    private static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");
    private static final String QUEUE = "arn:aws:sqs:us-east-1:123456789012:doorstep-order-wake-ups";
    private static final String ROLE = "arn:aws:iam::123456789012:role/doorstep-scheduler";
    private static final String DLQ = "arn:aws:sqs:us-east-1:123456789012:doorstep-schedule-dlq";

    private final SchedulerClient client;
    private final String group = "doorstep-" + UUID.randomUUID();
    private final EventBridgeOrderWakeUps wakeUps;
    private final OrderKey order = new OrderKey("acme-tea.myshopify.com", "5551234");

    EventBridgeOrderWakeUpsTest(SchedulerClient client) {
        this.client = client;
        client.createScheduleGroup(b -> b.name(group));
        wakeUps = new EventBridgeOrderWakeUps(client, new WakeUpTarget(group, QUEUE, ROLE, DLQ),
                Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private GetScheduleResponse stored() {
        return client.getSchedule(b -> b.groupName(group).name(ScheduleNames.wakeUpOf(order)));
    }

    @Test
    void oneScheduleAtTheSecondThatPutsTheOrderOnTheWakeUpQueue() {
        wakeUps.wakeAt(order, Instant.parse("2026-03-11T00:00:00.250Z"));

        GetScheduleResponse s = stored();
        assertThat(s.name()).isEqualTo("wu_acme-tea.myshopify.com_5551234").isNotEqualTo(ScheduleNames.of(order));
        assertThat(s.scheduleExpression()).isEqualTo("at(2026-03-11T00:00:01)"); // never early
        assertThat(s.scheduleExpressionTimezone()).isEqualTo("UTC");
        assertThat(s.flexibleTimeWindow().mode()).isEqualTo(FlexibleTimeWindowMode.OFF);
        assertThat(s.actionAfterCompletion()).isEqualTo(ActionAfterCompletion.DELETE);
        assertThat(s.target().arn()).isEqualTo(QUEUE);
        assertThat(s.target().roleArn()).isEqualTo(ROLE);
        assertThat(s.target().deadLetterConfig().arn()).isEqualTo(DLQ);
        assertThat(s.target().input()).isEqualTo("{\"wakeUp\":{\"shop\":\"acme-tea.myshopify.com\","
                + "\"orderId\":\"5551234\",\"at\":\"2026-03-11T00:00:01Z\"}}");
    }

    @Test
    void settingItAgainMovesTheOneWakeUp() {
        wakeUps.wakeAt(order, Instant.parse("2026-03-11T00:00:00Z"));
        wakeUps.wakeAt(order, Instant.parse("2026-05-01T10:00:00Z"));

        assertThat(stored().scheduleExpression()).isEqualTo("at(2026-05-01T10:00:00)");
        assertThat(client.listSchedules(b -> b.groupName(group)).schedules()).hasSize(1);
    }

    @Test
    void aTimeAlreadyPastWakesAMinuteFromNow() {
        wakeUps.wakeAt(order, Instant.parse("2026-03-01T00:00:00Z"));

        assertThat(stored().scheduleExpression()).isEqualTo("at(2026-03-10T12:01:00)");
    }
}
