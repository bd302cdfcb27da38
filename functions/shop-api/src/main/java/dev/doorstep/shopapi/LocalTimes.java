package dev.doorstep.shopapi;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Times as a merchant reads them: in the shop's time zone, to the minute ("Mar 12, 2026, 9:00 AM EDT"),
 * as Shopify admin shows them. Reasons carry instants in UTC with nanoseconds; {@link #inText} rewrites them.
 */
final class LocalTimes {

    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("MMM d, yyyy, h:mm a z", Locale.US);
    private static final Pattern INSTANT = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?Z");

    private final ZoneId zone;

    LocalTimes(ZoneId zone) {
        this.zone = zone == null ? ZoneId.of("UTC") : zone;
    }

    String show(Instant at) {
        return at == null ? null : SHOWN.format(at.atZone(zone));
    }

    /** {@code text} with every ISO-8601 UTC instant in it shown in the shop's zone. */
    String inText(String text) {
        if (text == null) {
            return null;
        }
        Matcher m = INSTANT.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String shown;
            try {
                shown = show(Instant.parse(m.group()));
            } catch (java.time.format.DateTimeParseException e) {
                shown = m.group();
            }
            m.appendReplacement(out, Matcher.quoteReplacement(shown));
        }
        m.appendTail(out);
        return out.toString();
    }
}
