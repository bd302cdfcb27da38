package dev.doorstep.core.intake;

import dev.doorstep.core.model.SendWindow;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;

/**
 * Spreads a backfill's review requests: at most {@code perDay} on any one day of the shop, evenly through
 * that day's send window (the whole day without one), never earlier than the time the timing rules gave.
 * Without it, every old order whose time has passed would go out in the same minute.
 */
final class BackfillSpread {

    private final int perDay;
    private final ZoneId zone;
    private final SendWindow window;
    private final Map<LocalDate, Integer> taken = new HashMap<>();

    BackfillSpread(int perDay, ZoneId zone, SendWindow window) {
        if (perDay < 1) {
            throw new IllegalArgumentException("perDay must be at least 1");
        }
        this.perDay = perDay;
        this.zone = zone;
        this.window = window;
    }

    /** The send time for a request the timing rules want at {@code wanted}. */
    Instant slot(Instant wanted) {
        Instant at = window == null ? wanted : window.moveIntoWindow(wanted, zone);
        LocalDate day = at.atZone(zone).toLocalDate();
        while (taken.getOrDefault(day, 0) >= perDay) {
            day = day.plusDays(1);
        }
        int k = taken.merge(day, 1, Integer::sum) - 1;
        Instant opens = day.atTime(window == null ? LocalTime.MIDNIGHT : window.opensAt()).atZone(zone).toInstant();
        Instant closes = window == null ? day.plusDays(1).atStartOfDay(zone).toInstant()
                : day.atTime(window.closesAt()).atZone(zone).toInstant();
        Instant from = at.isAfter(opens) ? at : opens; // on the wanted day, the slots start at the wanted time
        Instant slot = from.plus(Duration.between(from, closes).multipliedBy(k).dividedBy(perDay));
        return slot.isBefore(at) ? at : slot;
    }
}
