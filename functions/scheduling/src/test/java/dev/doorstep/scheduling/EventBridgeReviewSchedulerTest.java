package dev.doorstep.scheduling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.doorstep.core.model.OrderKey;
import dev.doorstep.emulator.WithAwsEmulator;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.scheduler.model.ActionAfterCompletion;
import software.amazon.awssdk.services.scheduler.model.FlexibleTimeWindowMode;
import software.amazon.awssdk.services.scheduler.model.GetScheduleResponse;
import software.amazon.awssdk.services.scheduler.model.ResourceNotFoundException;

@WithAwsEmulator
class EventBridgeReviewSchedulerTest {

    private static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final String SENDER = "arn:aws:lambda:us-east-1:123456789012:function:review-sender";
    private static final String ROLE = "arn:aws:iam::123456789012:role/doorstep-scheduler";
    private static final String DLQ = "arn:aws:sqs:us-east-1:123456789012:doorstep-schedule-dlq";

    private final SchedulerClient client;
    private final String group = "review-requests-" + UUID.randomUUID();
    private final EventBridgeReviewScheduler scheduler;
    private final OrderKey order = new OrderKey("acme-tea.myshopify.com", "5551234");

    EventBridgeReviewSchedulerTest(SchedulerClient client) {
        this.client = client;
        client.createScheduleGroup(b -> b.name(group));
        scheduler = new EventBridgeReviewScheduler(client, new ReviewSenderTarget(group, SENDER, ROLE, DLQ),
                Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private GetScheduleResponse stored() {
        return client.getSchedule(b -> b.groupName(group).name(ScheduleNames.of(order)));
    }

    @Test
    @DisplayName("one schedule per order: its name, group, shop-time at(), zone, payload, retries and DLQ")
    void scheduleReadsBack() {
        scheduler.schedule(order, Instant.parse("2026-03-15T08:30:00Z"), BERLIN);

        GetScheduleResponse s = stored();
        assertThat(s.name()).isEqualTo("rr_acme-tea.myshopify.com_5551234");
        assertThat(s.groupName()).isEqualTo(group);
        assertThat(s.scheduleExpression()).isEqualTo("at(2026-03-15T09:30:00)");
        assertThat(s.scheduleExpressionTimezone()).isEqualTo("Europe/Berlin");
        assertThat(s.actionAfterCompletion()).isEqualTo(ActionAfterCompletion.DELETE);
        assertThat(s.flexibleTimeWindow().mode()).isEqualTo(FlexibleTimeWindowMode.OFF);
        assertThat(s.target().arn()).isEqualTo(SENDER);
        assertThat(s.target().roleArn()).isEqualTo(ROLE);
        assertThat(s.target().input()).isEqualTo(
                "{\"shop\":\"acme-tea.myshopify.com\",\"orderId\":\"5551234\",\"sendAt\":\"2026-03-15T08:30:00Z\"}");
        assertThat(s.target().retryPolicy().maximumRetryAttempts()).isEqualTo(185);
        assertThat(s.target().retryPolicy().maximumEventAgeInSeconds()).isEqualTo(86_400);
        assertThat(s.target().deadLetterConfig().arn()).isEqualTo(DLQ);
    }

    @Test
    @DisplayName("requesting the same schedule twice leaves one schedule and no error")
    void requestedTwice() {
        Instant at = Instant.parse("2026-03-15T08:30:00Z");
        scheduler.schedule(order, at, BERLIN);
        assertThatCode(() -> scheduler.schedule(order, at, BERLIN)).doesNotThrowAnyException();

        assertThat(client.listSchedules(b -> b.groupName(group)).schedules()).singleElement()
                .satisfies(s -> assertThat(s.name()).isEqualTo(ScheduleNames.of(order)));
        assertThat(stored().scheduleExpression()).isEqualTo("at(2026-03-15T09:30:00)");
    }

    @Test
    @DisplayName("a new send time moves the existing schedule, payload included")
    void moved() {
        scheduler.schedule(order, Instant.parse("2026-03-15T08:30:00Z"), BERLIN);
        scheduler.schedule(order, Instant.parse("2026-03-20T16:00:00Z"), BERLIN);

        GetScheduleResponse s = stored();
        assertThat(s.scheduleExpression()).isEqualTo("at(2026-03-20T17:00:00)");
        assertThat(s.target().input()).contains("\"sendAt\":\"2026-03-20T16:00:00Z\"");
        assertThat(s.actionAfterCompletion()).isEqualTo(ActionAfterCompletion.DELETE);
        assertThat(s.target().deadLetterConfig().arn()).isEqualTo(DLQ);
        assertThat(client.listSchedules(b -> b.groupName(group)).schedules()).hasSize(1);
    }

    @Test
    @DisplayName("cancelling deletes the schedule; cancelling again, or something never scheduled, is fine")
    void cancelled() {
        scheduler.schedule(order, Instant.parse("2026-03-15T08:30:00Z"), BERLIN);
        scheduler.cancel(order);

        assertThatThrownBy(this::stored).isInstanceOf(ResourceNotFoundException.class);
        assertThatCode(() -> scheduler.cancel(order)).doesNotThrowAnyException();
        assertThatCode(() -> scheduler.cancel(new OrderKey("acme-tea.myshopify.com", "never")))
                .doesNotThrowAnyException();
    }

    @Test
    @DisplayName("a send time already past is scheduled one minute from now")
    void pastMeansOneMinuteFromNow() {
        scheduler.schedule(order, Instant.parse("2026-03-01T00:00:00Z"), BERLIN);

        GetScheduleResponse s = stored();
        assertThat(s.scheduleExpression()).isEqualTo("at(2026-03-10T13:01:00)"); // 12:01Z in Berlin (CET)
        assertThat(s.target().input()).contains("\"sendAt\":\"2026-03-10T12:01:00Z\"");
    }

    @Test
    @DisplayName("an order id that is not name-safe still gets its own valid, stable schedule")
    void oddOrderIds() {
        OrderKey odd = new OrderKey("acme-tea.myshopify.com", "gid://shopify/Order/5551234#x");
        scheduler.schedule(odd, Instant.parse("2026-03-15T08:30:00Z"), ZoneOffset.UTC);

        GetScheduleResponse s = client.getSchedule(b -> b.groupName(group).name(ScheduleNames.of(odd)));
        assertThat(s.scheduleExpressionTimezone()).isEqualTo("UTC");
        assertThat(s.scheduleExpression()).isEqualTo("at(2026-03-15T08:30:00)");
        assertThat(s.target().input()).contains("gid://shopify/Order/5551234#x");
    }

    @Test
    @DisplayName("a held send's retry is a schedule of its own, to the second, in turn under two names")
    void heldRetryHasItsOwnSchedule() {
        scheduler.schedule(order, Instant.parse("2026-03-10T11:59:00Z"), BERLIN);
        Instant retryAt = Instant.parse("2026-03-10T12:17:42Z");

        scheduler.scheduleHeldRetry(order, retryAt, BERLIN, 1);

        GetScheduleResponse retry = client.getSchedule(b -> b.groupName(group).name(ScheduleNames.heldRetryOf(order,
                1)));
        assertThat(retry.scheduleExpression()).isEqualTo("at(2026-03-10T13:17:42)");
        assertThat(retry.scheduleExpressionTimezone()).isEqualTo("Europe/Berlin");
        assertThat(retry.actionAfterCompletion()).isEqualTo(ActionAfterCompletion.DELETE);
        assertThat(retry.target().arn()).isEqualTo(SENDER);
        assertThat(retry.target().input()).contains("\"sendAt\":\"2026-03-10T12:17:42Z\"");
        assertThat(stored().scheduleExpression()).as("the order's own schedule is left as it was")
                .isEqualTo("at(2026-03-10T13:01:00)");

        scheduler.scheduleHeldRetry(order, retryAt.plusSeconds(1800), BERLIN, 2);
        assertThat(client.listSchedules(b -> b.groupName(group)).schedules()).extracting(s -> s.name())
                .containsExactlyInAnyOrder(ScheduleNames.of(order), ScheduleNames.heldRetryOf(order, 1),
                        ScheduleNames.heldRetryOf(order, 2));
    }
}
