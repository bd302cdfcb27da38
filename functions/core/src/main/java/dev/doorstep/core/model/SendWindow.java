package dev.doorstep.core.model;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Objects;

/**
 * Hours of the shop's day in which review requests may go out, e.g. 09:00-20:00 shop time.
 * A send time outside the window moves forward to the window's next opening.
 */
public record SendWindow(LocalTime opensAt, LocalTime closesAt) {

    public SendWindow {
        Objects.requireNonNull(opensAt, "opensAt");
        Objects.requireNonNull(closesAt, "closesAt");
        if (!opensAt.isBefore(closesAt)) {
            throw new InvalidSettingException("sendWindow", "opens at " + opensAt + " but closes at " + closesAt
                    + "; the window must open before it closes on the same day");
        }
    }

    /** The earliest instant at or after {@code at} that lies inside the window, in {@code zone}. */
    public Instant moveIntoWindow(Instant at, ZoneId zone) {
        ZonedDateTime local = at.atZone(zone);
        LocalTime time = local.toLocalTime();
        if (time.isBefore(opensAt)) {
            return local.with(opensAt).toInstant();
        }
        if (!time.isBefore(closesAt)) {
            return local.plusDays(1).with(opensAt).toInstant();
        }
        return at;
    }

    public static SendWindow parse(String text) {
        String[] parts = text.split("-");
        if (parts.length != 2) {
            throw new InvalidSettingException("sendWindow", "expected HH:MM-HH:MM, got '" + text + "'");
        }
        try {
            return new SendWindow(LocalTime.parse(parts[0].trim()), LocalTime.parse(parts[1].trim()));
        } catch (java.time.format.DateTimeParseException e) {
            throw new InvalidSettingException("sendWindow", "expected HH:MM-HH:MM, got '" + text + "'");
        }
    }

    @Override
    public String toString() {
        return opensAt + "-" + closesAt;
    }
}
