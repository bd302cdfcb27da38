package dev.doorstep.local;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.scheduler.model.GetScheduleResponse;
import software.amazon.awssdk.services.scheduler.model.ResourceNotFoundException;
import software.amazon.awssdk.services.scheduler.model.ScheduleSummary;

/**
 * Does what EventBridge Scheduler does in AWS, which the emulator does not: when the local clock
 * reaches a one-time schedule's {@code at()} (in its time zone), invoke the target with the
 * schedule's input, then delete the schedule (ActionAfterCompletion DELETE). A target that throws is
 * retried on the next pass, a bounded number of times, like the schedule's retry policy.
 */
final class ScheduleFirer {

    record Due(String name, Instant at, String input) {
    }

    private static final int MAX_ATTEMPTS = 3;

    private final SchedulerClient scheduler;
    private final String group;
    private final Consumer<String> target;
    private final RuntimeLog log;
    private final java.util.Map<String, Integer> failures = new java.util.HashMap<>();

    ScheduleFirer(SchedulerClient scheduler, String group, Consumer<String> target, RuntimeLog log) {
        this.scheduler = scheduler;
        this.group = group;
        this.target = target;
        this.log = log;
    }

    /** Every schedule of the group with its fire time, earliest first. */
    List<Due> all() {
        List<Due> due = new ArrayList<>();
        for (ScheduleSummary s : scheduler.listSchedulesPaginator(b -> b.groupName(group)).schedules()) {
            try {
                GetScheduleResponse full = scheduler.getSchedule(b -> b.groupName(group).name(s.name()));
                due.add(new Due(s.name(), fireTime(full), full.target().input()));
            } catch (ResourceNotFoundException gone) {
                // deleted between list and get
            }
        }
        due.sort(Comparator.comparing(Due::at));
        return due;
    }

    Optional<Instant> next() {
        return all().stream().map(Due::at).findFirst();
    }

    /** Fires every schedule due at {@code now}; returns how many fired. */
    int fireDue(Instant now) {
        int fired = 0;
        for (Due d : all()) {
            if (d.at().isAfter(now)) {
                break;
            }
            try {
                target.accept(d.input());
                failures.remove(d.name());
                delete(d.name());
                fired++;
            } catch (RuntimeException e) {
                int attempts = failures.merge(d.name(), 1, Integer::sum);
                log.warn("schedule " + d.name() + " target failed (attempt " + attempts + "): " + e.getMessage());
                if (attempts >= MAX_ATTEMPTS) {
                    log.warn("schedule " + d.name() + " gave up (in AWS: the schedule's dead-letter queue)");
                    failures.remove(d.name());
                    delete(d.name());
                }
            }
        }
        return fired;
    }

    private void delete(String name) {
        try {
            scheduler.deleteSchedule(b -> b.groupName(group).name(name));
        } catch (ResourceNotFoundException alreadyGone) {
            // the target may have cancelled it itself
        }
    }

    static Instant fireTime(GetScheduleResponse s) {
        String expression = s.scheduleExpression();
        if (!expression.startsWith("at(") || !expression.endsWith(")")) {
            throw new IllegalStateException("only one-time at() schedules are expected, got " + expression);
        }
        LocalDateTime local = LocalDateTime.parse(expression.substring(3, expression.length() - 1));
        String zone = s.scheduleExpressionTimezone() == null ? "UTC" : s.scheduleExpressionTimezone();
        return local.atZone(ZoneId.of(zone)).toInstant();
    }
}
