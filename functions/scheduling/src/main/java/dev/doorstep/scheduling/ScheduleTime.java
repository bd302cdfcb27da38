package dev.doorstep.scheduling;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * An {@code at(yyyy-MM-ddTHH:mm:ss)} expression and the IANA zone it is read in.
 *
 * <p>A time already past cannot be scheduled reliably (Scheduler may reject a past {@code at()}), so
 * "send now" becomes "one minute from now": one path to the sender for every order, and the sender
 * needs no other caller. The time is rounded up to the second so a schedule never fires early.
 * Where the shop's local time is ambiguous (the repeated hour when clocks go back) or the zone is a
 * bare offset (not an IANA name), the expression is written in UTC instead.
 */
record ScheduleTime(String expression, String timezone, Instant fireAt) {

    static final Duration SEND_NOW_DELAY = Duration.ofMinutes(1);
    private static final DateTimeFormatter AT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");

    static ScheduleTime of(Instant sendAt, ZoneId zone, Instant now) {
        Instant earliest = now.plus(SEND_NOW_DELAY);
        Instant fireAt = ceilToSecond(sendAt.isBefore(earliest) ? earliest : sendAt);
        ZoneId readIn = zone instanceof ZoneOffset || zone == null ? ZoneOffset.UTC : zone;
        LocalDateTime local = LocalDateTime.ofInstant(fireAt, readIn);
        if (readIn.getRules().getValidOffsets(local).size() != 1) {
            readIn = ZoneOffset.UTC;
            local = LocalDateTime.ofInstant(fireAt, readIn);
        }
        return new ScheduleTime("at(" + AT.format(local) + ")", readIn.equals(ZoneOffset.UTC) ? "UTC" : readIn.getId(),
                fireAt);
    }

    private static Instant ceilToSecond(Instant at) {
        Instant down = at.truncatedTo(ChronoUnit.SECONDS);
        return down.equals(at) ? at : down.plusSeconds(1);
    }
}
