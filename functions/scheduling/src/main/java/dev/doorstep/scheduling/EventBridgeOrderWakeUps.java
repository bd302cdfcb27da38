package dev.doorstep.scheduling;

import dev.doorstep.core.model.OrderKey;
import dev.doorstep.core.port.OrderWakeUps;
import dev.doorstep.lambda.AwsClients;
import dev.doorstep.lambda.Json;
import dev.doorstep.lambda.JsonLog;
import dev.doorstep.lambda.SnapStartPriming;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.scheduler.model.ActionAfterCompletion;
import software.amazon.awssdk.services.scheduler.model.ConflictException;
import software.amazon.awssdk.services.scheduler.model.FlexibleTimeWindowMode;
import software.amazon.awssdk.services.scheduler.model.Target;

/**
 * One EventBridge Scheduler one-time schedule per order ({@link ScheduleNames#wakeUpOf}) that sends
 * {@code {"wakeUp":{"shop","orderId","at"}}} to the order wake-up queue at the order's due time; the
 * ShopPollWorker then does what the sweep would. Flexible time window off, so it fires at the second;
 * it deletes itself after firing. Setting it again moves it (create, or update on conflict).
 */
public final class EventBridgeOrderWakeUps implements OrderWakeUps {

    private static final JsonLog LOG = JsonLog.of(EventBridgeOrderWakeUps.class);

    private final Supplier<SchedulerClient> client;
    private final WakeUpTarget target;
    private final Clock clock;

    public EventBridgeOrderWakeUps(SchedulerClient scheduler, WakeUpTarget target, Clock clock) {
        this(constant(Objects.requireNonNull(scheduler, "scheduler")), target, clock);
    }

    private EventBridgeOrderWakeUps(Supplier<SchedulerClient> client, WakeUpTarget target, Clock clock) {
        this.client = client;
        this.target = Objects.requireNonNull(target, "target");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * For a Lambda's init phase: the target from the environment and the client built on first use (most
     * invocations set no wake-up), or before a SnapStart snapshot, as for the review scheduler.
     */
    public static EventBridgeOrderWakeUps fromEnvironment() {
        EventBridgeOrderWakeUps wakeUps = new EventBridgeOrderWakeUps(
                new Lazy(() -> AwsClients.build(SchedulerClient.builder())), WakeUpTarget.fromEnvironment(),
                Clock.systemUTC());
        SnapStartPriming.register("OrderWakeUps", wakeUps.client::get);
        return wakeUps;
    }

    private static Supplier<SchedulerClient> constant(SchedulerClient client) {
        return () -> client;
    }

    /** Builds the client once, on first use. */
    private static final class Lazy implements Supplier<SchedulerClient> {
        private final Supplier<SchedulerClient> build;
        private volatile SchedulerClient built;

        Lazy(Supplier<SchedulerClient> build) {
            this.build = build;
        }

        @Override
        public SchedulerClient get() {
            SchedulerClient c = built;
            if (c == null) {
                synchronized (this) {
                    if (built == null) {
                        built = build.get();
                    }
                    c = built;
                }
            }
            return c;
        }
    }

    @Override
    public void wakeAt(OrderKey order, Instant at) {
        String name = ScheduleNames.wakeUpOf(order);
        // Read in UTC: a wake-up has no send window, and UTC has no ambiguous hours.
        ScheduleTime time = ScheduleTime.of(at, java.time.ZoneOffset.UTC, clock.instant());
        Target send = Target.builder()
                .arn(target.queueArn())
                .roleArn(target.roleArn())
                .input(payload(order, time.fireAt()))
                .retryPolicy(r -> r.maximumEventAgeInSeconds(EventBridgeReviewScheduler.MAX_EVENT_AGE_SECONDS)
                        .maximumRetryAttempts(EventBridgeReviewScheduler.MAX_RETRY_ATTEMPTS))
                .deadLetterConfig(d -> d.arn(target.deadLetterQueueArn()))
                .build();
        SchedulerClient scheduler = client.get();
        try {
            scheduler.createSchedule(b -> b.groupName(target.group()).name(name)
                    .description("Wake-up for one order's due work")
                    .scheduleExpression(time.expression()).scheduleExpressionTimezone(time.timezone())
                    .flexibleTimeWindow(f -> f.mode(FlexibleTimeWindowMode.OFF))
                    .actionAfterCompletion(ActionAfterCompletion.DELETE)
                    .target(send));
        } catch (ConflictException e) {
            // One wake-up per order: the earlier one (or this one, set again) now says the new time.
            scheduler.updateSchedule(b -> b.groupName(target.group()).name(name)
                    .description("Wake-up for one order's due work")
                    .scheduleExpression(time.expression()).scheduleExpressionTimezone(time.timezone())
                    .flexibleTimeWindow(f -> f.mode(FlexibleTimeWindowMode.OFF))
                    .actionAfterCompletion(ActionAfterCompletion.DELETE)
                    .target(send));
        }
        LOG.info("order wake-up set", Map.of("shop", order.shop(), "orderId", order.orderId(), "schedule", name,
                "at", time.expression()));
    }

    /** The message the worker reads (ShopPollWorker's wake-up form). */
    static String payload(OrderKey order, Instant at) {
        var json = Json.MAPPER.createObjectNode();
        json.putObject("wakeUp").put("shop", order.shop()).put("orderId", order.orderId()).put("at", at.toString());
        return json.toString();
    }
}
