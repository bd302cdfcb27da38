package dev.doorstep.scheduling;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.doorstep.core.model.OrderKey;
import dev.doorstep.core.port.ReviewRequestScheduler;
import dev.doorstep.lambda.AwsClients;
import dev.doorstep.lambda.Json;
import dev.doorstep.lambda.JsonLog;
import dev.doorstep.lambda.Metrics;
import dev.doorstep.lambda.SnapStartPriming;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.scheduler.model.ActionAfterCompletion;
import software.amazon.awssdk.services.scheduler.model.ConflictException;
import software.amazon.awssdk.services.scheduler.model.CreateScheduleRequest;
import software.amazon.awssdk.services.scheduler.model.FlexibleTimeWindowMode;
import software.amazon.awssdk.services.scheduler.model.GetScheduleResponse;
import software.amazon.awssdk.services.scheduler.model.ResourceNotFoundException;
import software.amazon.awssdk.services.scheduler.model.Target;
import software.amazon.awssdk.services.scheduler.model.UpdateScheduleRequest;

/**
 * One EventBridge Scheduler one-time schedule per order ({@link ScheduleNames}), in the review
 * requests' own group, invoking the ReviewSenderFunction with {@code {"shop","orderId","sendAt"}}.
 * Creating it again is harmless (a ConflictException is confirmed with GetSchedule, and a different
 * time updates it); cancelling a schedule that is not there is fine. Schedules delete themselves
 * after they fire.
 */
public final class EventBridgeReviewScheduler implements ReviewRequestScheduler {

    /** Scheduler retries a failed invocation (Lambda throttled, unavailable) for up to a day. */
    static final int MAX_EVENT_AGE_SECONDS = 86_400;
    static final int MAX_RETRY_ATTEMPTS = 185;
    private static final JsonLog LOG = JsonLog.of(EventBridgeReviewScheduler.class);
    private static final Metrics METRICS = Metrics.forFunction("ReviewScheduler");

    private final Supplier<SchedulerClient> scheduler;
    private final ReviewSenderTarget target;
    private final Clock clock;

    public EventBridgeReviewScheduler(SchedulerClient scheduler, ReviewSenderTarget target, Clock clock) {
        this(constant(Objects.requireNonNull(scheduler, "scheduler")), target, clock);
    }

    private EventBridgeReviewScheduler(Supplier<SchedulerClient> scheduler, ReviewSenderTarget target, Clock clock) {
        this.scheduler = scheduler;
        this.target = Objects.requireNonNull(target, "target");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * For a Lambda's init phase: the target from the environment and the real client, built on first
     * use, so that a cold start whose request schedules nothing (a tracked order, a duplicate) does not
     * build it. Before a SnapStart snapshot it is built anyway (SnapStartPriming), so restored copies
     * have it ready.
     */
    public static EventBridgeReviewScheduler fromEnvironment() {
        EventBridgeReviewScheduler scheduler = new EventBridgeReviewScheduler(
                once(() -> AwsClients.build(SchedulerClient.builder())), ReviewSenderTarget.fromEnvironment(),
                Clock.systemUTC());
        SnapStartPriming.register("ReviewScheduler", scheduler.scheduler::get);
        return scheduler;
    }

    private static Supplier<SchedulerClient> constant(SchedulerClient client) {
        return () -> client;
    }

    private static Supplier<SchedulerClient> once(Supplier<SchedulerClient> build) {
        return new Supplier<>() {
            private volatile SchedulerClient client;

            @Override
            public SchedulerClient get() {
                SchedulerClient built = client;
                if (built == null) {
                    synchronized (this) {
                        if (client == null) {
                            client = build.get();
                        }
                        built = client;
                    }
                }
                return built;
            }
        };
    }

    @Override
    public void schedule(OrderKey order, Instant sendAt, ZoneId shopZone) {
        arm(order, ScheduleNames.of(order), sendAt, shopZone, "review request");
    }

    /** Under its own name ({@link ScheduleNames#heldRetryOf}), never the one that fired the held attempt. */
    @Override
    public void scheduleHeldRetry(OrderKey order, Instant at, ZoneId shopZone, int hold) {
        arm(order, ScheduleNames.heldRetryOf(order, hold), at, shopZone, "held review request retry");
    }

    private void arm(OrderKey order, String name, Instant sendAt, ZoneId shopZone, String what) {
        ScheduleTime time = ScheduleTime.of(sendAt, shopZone, clock.instant());
        Target invocation = target(order, time.fireAt());
        try {
            scheduler.get().createSchedule(create(name, time, invocation));
            log(what + " scheduled", order, name, time);
            METRICS.count("ReviewRequestsScheduled");
        } catch (ConflictException e) {
            // Already there, or mid-update: read it back and make it say what we want.
            confirmOrUpdate(order, name, time, invocation, what);
        }
    }

    private void confirmOrUpdate(OrderKey order, String name, ScheduleTime time, Target invocation, String what) {
        GetScheduleResponse stored;
        try {
            stored = scheduler.get().getSchedule(b -> b.groupName(target.group()).name(name));
        } catch (ResourceNotFoundException gone) {
            // It fired and deleted itself between our two calls: this is a new request, create it.
            scheduler.get().createSchedule(create(name, time, invocation));
            log(what + " scheduled", order, name, time);
            return;
        }
        if (time.expression().equals(stored.scheduleExpression())
                && time.timezone().equals(stored.scheduleExpressionTimezone())
                && stored.target() != null && invocation.input().equals(stored.target().input())) {
            log(what + " already scheduled", order, name, time);
            return;
        }
        scheduler.get().updateSchedule(UpdateScheduleRequest.builder()
                .groupName(target.group())
                .name(name)
                .scheduleExpression(time.expression())
                .scheduleExpressionTimezone(time.timezone())
                .flexibleTimeWindow(f -> f.mode(FlexibleTimeWindowMode.OFF))
                .actionAfterCompletion(ActionAfterCompletion.DELETE)
                .target(invocation)
                .build());
        log(what + " moved", order, name, time);
    }

    @Override
    public void cancel(OrderKey order) {
        String name = ScheduleNames.of(order);
        try {
            scheduler.get().deleteSchedule(b -> b.groupName(target.group()).name(name));
            LOG.info("review request unscheduled", Map.of("shop", order.shop(), "orderId", order.orderId(),
                    "schedule", name));
        } catch (ResourceNotFoundException e) {
            // Never scheduled, already fired, or already cancelled: nothing to undo.
        }
    }

    private CreateScheduleRequest create(String name, ScheduleTime time, Target invocation) {
        return CreateScheduleRequest.builder()
                .groupName(target.group())
                .name(name)
                .description("Review request for one order")
                .scheduleExpression(time.expression())
                .scheduleExpressionTimezone(time.timezone())
                .flexibleTimeWindow(f -> f.mode(FlexibleTimeWindowMode.OFF))
                .actionAfterCompletion(ActionAfterCompletion.DELETE)
                .target(invocation)
                .build();
    }

    private Target target(OrderKey order, Instant fireAt) {
        return Target.builder()
                .arn(target.functionArn())
                .roleArn(target.roleArn())
                .input(payload(order, fireAt))
                .retryPolicy(r -> r.maximumEventAgeInSeconds(MAX_EVENT_AGE_SECONDS)
                        .maximumRetryAttempts(MAX_RETRY_ATTEMPTS))
                .deadLetterConfig(d -> d.arn(target.deadLetterQueueArn()))
                .build();
    }

    /** The ReviewSenderFunction's input; {@code sendAt} is what the schedule says, for the logs. */
    static String payload(OrderKey order, Instant sendAt) {
        Map<String, String> input = new LinkedHashMap<>();
        input.put("shop", order.shop());
        input.put("orderId", order.orderId());
        input.put("sendAt", sendAt.toString());
        try {
            return Json.MAPPER.writeValueAsString(input);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void log(String message, OrderKey order, String name, ScheduleTime time) {
        LOG.info(message, Map.of("shop", order.shop(), "orderId", order.orderId(), "schedule", name,
                "at", time.expression(), "timezone", time.timezone()));
    }
}
