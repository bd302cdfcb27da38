package dev.doorstep.local;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.scheduler.model.GetScheduleResponse;
import software.amazon.awssdk.services.scheduler.model.ResourceNotFoundException;
import software.amazon.awssdk.services.scheduler.model.ScheduleSummary;

/**
 * Does what EventBridge Scheduler does in AWS, which the emulator does not: when the local clock
 * reaches a one-time schedule's {@code at()} (in its time zone), invoke the target (by its ARN: the review
 * sender, or the wake-up queue for an order's wake-up) with the schedule's input, then delete the schedule (ActionAfterCompletion DELETE). A target that throws is
 * retried on the next pass, a bounded number of times, like the schedule's retry policy.
 *
 * <p>What is due when is kept in memory: learned once from the group at start-up, then from every
 * create, update and delete the functions make ({@link RecordingSchedulerClient}).
 */
final class ScheduleFirer {

    record Due(String name, Instant at, String targetArn, String input) {
    }

    private static final int MAX_ATTEMPTS = 3;
    private static final Comparator<Due> ORDER = Comparator.comparing(Due::at).thenComparing(Due::name);

    private final SchedulerClient scheduler;
    private final String group;
    /** Given the target's ARN and the schedule's input. */
    private final BiConsumer<String, String> target;
    private final RuntimeLog log;
    private final Map<String, Integer> failures = new HashMap<>();
    private final TreeSet<Due> byTime = new TreeSet<>(ORDER);
    private final Map<String, Due> byName = new HashMap<>();

    ScheduleFirer(SchedulerClient scheduler, String group, BiConsumer<String, String> target, RuntimeLog log) {
        this.scheduler = scheduler;
        this.group = group;
        this.target = target;
        this.log = log;
        for (ScheduleSummary s : scheduler.listSchedulesPaginator(b -> b.groupName(group)).schedules()) {
            try {
                GetScheduleResponse full = scheduler.getSchedule(b -> b.groupName(group).name(s.name()));
                remember(new Due(s.name(), fireTime(full.scheduleExpression(), full.scheduleExpressionTimezone()),
                        full.target().arn(), full.target().input()));
            } catch (ResourceNotFoundException gone) {
                // deleted between list and get
            }
        }
    }

    /** A schedule was created or updated in the emulator. */
    synchronized void created(String inGroup, String name, String expression, String zone, String targetArn,
            String input) {
        if (group.equals(inGroup)) {
            remember(new Due(name, fireTime(expression, zone), targetArn, input));
        }
    }

    /** A schedule was deleted in the emulator. */
    synchronized void deleted(String inGroup, String name) {
        if (group.equals(inGroup)) {
            forget(name);
        }
    }

    /** Every schedule of the group with its fire time, earliest first. */
    synchronized List<Due> all() {
        return List.copyOf(byTime);
    }

    synchronized Optional<Instant> next() {
        return byTime.isEmpty() ? Optional.empty() : Optional.of(byTime.first().at());
    }

    /** Fires every schedule due at {@code now}; returns the ones that fired. */
    List<Due> fireDue(Instant now) {
        List<Due> due = new ArrayList<>();
        synchronized (this) {
            for (Due d : byTime) {
                if (d.at().isAfter(now)) {
                    break;
                }
                due.add(d);
            }
        }
        List<Due> fired = new ArrayList<>();
        for (Due d : due) {
            try {
                target.accept(d.targetArn(), d.input());
                failures.remove(d.name());
                deleteUnlessMoved(d);
                fired.add(d);
            } catch (RuntimeException e) {
                int attempts = failures.merge(d.name(), 1, Integer::sum);
                log.warn("schedule " + d.name() + " target failed (attempt " + attempts + "): " + e.getMessage());
                if (attempts >= MAX_ATTEMPTS) {
                    log.warn("schedule " + d.name() + " gave up (in AWS: the schedule's dead-letter queue)");
                    failures.remove(d.name());
                    deleteUnlessMoved(d);
                }
            }
        }
        return fired;
    }

    /** Deletes the schedule that fired, unless its target moved it to a new time meanwhile. */
    private void deleteUnlessMoved(Due fired) {
        synchronized (this) {
            Due now = byName.get(fired.name());
            if (now != null && !now.equals(fired)) {
                return;
            }
            forget(fired.name());
        }
        try {
            scheduler.deleteSchedule(b -> b.groupName(group).name(fired.name()));
        } catch (ResourceNotFoundException alreadyGone) {
            // the target may have cancelled it itself
        }
    }

    private void remember(Due d) {
        forget(d.name());
        byTime.add(d);
        byName.put(d.name(), d);
    }

    private void forget(String name) {
        Due old = byName.remove(name);
        if (old != null) {
            byTime.remove(old);
        }
    }

    static Instant fireTime(String expression, String zone) {
        if (expression == null || !expression.startsWith("at(") || !expression.endsWith(")")) {
            throw new IllegalStateException("only one-time at() schedules are expected, got " + expression);
        }
        LocalDateTime local = LocalDateTime.parse(expression.substring(3, expression.length() - 1));
        return local.atZone(ZoneId.of(zone == null ? "UTC" : zone)).toInstant();
    }
}
