package dev.doorstep.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.scheduler.model.ActionAfterCompletion;
import software.amazon.awssdk.services.scheduler.model.ConflictException;
import software.amazon.awssdk.services.scheduler.model.CreateScheduleRequest;
import software.amazon.awssdk.services.scheduler.model.FlexibleTimeWindowMode;
import software.amazon.awssdk.services.scheduler.model.GetScheduleResponse;

@WithAwsEmulator
class SchedulerSmokeTest {

    @Test
    void oneTimeScheduleInAGroupAndConflictOnADuplicateName(SchedulerClient scheduler) {
        String group = "smoke-" + UUID.randomUUID();
        scheduler.createScheduleGroup(b -> b.name(group));
        CreateScheduleRequest request = CreateScheduleRequest.builder()
                .groupName(group)
                .name("rr-demo-1001")
                .scheduleExpression("at(2030-05-01T09:30:00)")
                .scheduleExpressionTimezone("Europe/Berlin")
                .flexibleTimeWindow(f -> f.mode(FlexibleTimeWindowMode.OFF))
                .actionAfterCompletion(ActionAfterCompletion.DELETE)
                .target(t -> t.arn("arn:aws:lambda:us-east-1:123456789012:function:review-sender")
                        .roleArn("arn:aws:iam::123456789012:role/scheduler")
                        .input("{\"shop\":\"demo\",\"orderId\":\"1001\"}"))
                .build();

        scheduler.createSchedule(request);

        assertThatThrownBy(() -> scheduler.createSchedule(request)).isInstanceOf(ConflictException.class);
        GetScheduleResponse stored = scheduler.getSchedule(b -> b.groupName(group).name("rr-demo-1001"));
        assertThat(stored.scheduleExpression()).isEqualTo("at(2030-05-01T09:30:00)");
        assertThat(stored.scheduleExpressionTimezone()).isEqualTo("Europe/Berlin");
        assertThat(stored.actionAfterCompletion()).isEqualTo(ActionAfterCompletion.DELETE);
        assertThat(stored.target().input()).contains("1001");
    }
}
