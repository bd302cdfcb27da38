package dev.doorstep.local;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * What a person at the terminal reads while the local runtime works: one line per fact of an order
 * (read from the domain events on the local bus, the same facts a subscriber gets), a line per clock
 * move, and a progress line while a long move runs. Never the customer's email, name or phone: the
 * events carry none.
 */
final class Story {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm'Z'")
            .withZone(ZoneOffset.UTC);

    private final PrintStream out;
    private final boolean terminal;
    private boolean progressShown;

    Story(PrintStream out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    /** Says nothing: for soaks and tests that only want the runtime. */
    static Story silent() {
        return new Story(new PrintStream(java.io.OutputStream.nullOutputStream()), false);
    }

    synchronized void say(String line) {
        clearProgress();
        out.println(line);
    }

    /** One line for one domain event, as read from the bus. */
    void event(JsonNode event) {
        JsonNode d = event.path("detail");
        String order = d.path("orderNumber").asText(d.path("orderId").asText());
        String shop = d.path("shop").asText().replace(".myshopify.com", "");
        String what = switch (event.path("detail-type").asText()) {
            case "OrderReceived" -> "received (fulfilled " + time(d.path("fulfilledAt")) + ")";
            case "TrackingCreated" -> "Waiting for delivery: AfterShip tracks it (fallback "
                    + time(d.path("fallbackDeadline")) + ")";
            case "TrackingFailed" -> "tracking failed: " + d.path("reason").asText()
                    + (d.path("willRetry").asBoolean() ? " (retry " + time(d.path("retryAt")) + ")" : "");
            case "DeliverySeen" -> "delivered " + time(d.path("deliveredAt"))
                    + (d.hasNonNull("source") ? " (seen by " + d.path("source").asText() + ")" : "");
            case "ReviewRequestScheduled" -> "Will send " + time(d.path("sendAt")) + ": " + d.path("reason").asText();
            case "ReviewRequestSent" -> "Sent (GET /_local/emails)";
            case "ReviewRequestSkipped" -> "Skipped: " + d.path("reason").asText();
            case "ReviewRequestCancelled" -> "Cancelled: " + d.path("reason").asText();
            case "ReviewRequestFailed" -> "Failed: " + d.path("reason").asText();
            default -> event.path("detail-type").asText();
        };
        say("  " + time(d.path("occurredAt")) + "  " + shop + " " + order + "  " + what);
    }

    /** While the clock moves: one line rewritten in place on a terminal, nothing elsewhere. */
    synchronized void progress(Instant at, Instant target, int polls) {
        if (!terminal) {
            return;
        }
        out.print("\r  ... clock at " + TIME.format(at) + " of " + TIME.format(target) + ", " + polls + " poll(s)   ");
        out.flush();
        progressShown = true;
    }

    private void clearProgress() {
        if (progressShown) {
            out.print("\r\033[K");
            progressShown = false;
        }
    }

    /** "14 days", "12 hours", else the ISO form: what a person asked for, not PT336H. */
    static String duration(java.time.Duration d) {
        if (!d.isZero() && d.toSeconds() % 86_400 == 0) {
            return d.toDays() + (d.toDays() == 1 ? " day" : " days");
        }
        if (!d.isZero() && d.toSeconds() % 3_600 == 0) {
            return d.toHours() + (d.toHours() == 1 ? " hour" : " hours");
        }
        return d.toString();
    }

    static String time(Instant at) {
        return TIME.format(at);
    }

    private static String time(JsonNode iso) {
        if (!iso.isTextual()) {
            return "?";
        }
        try {
            return TIME.format(Instant.parse(iso.asText()));
        } catch (java.time.format.DateTimeParseException e) {
            return iso.asText();
        }
    }
}
