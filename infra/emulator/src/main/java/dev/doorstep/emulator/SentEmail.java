package dev.doorstep.emulator;

import java.util.List;
import java.util.Map;

/**
 * One email as the emulator recorded it. For raw (MIME) sends {@code raw} holds the whole message,
 * headers included; for simple sends it is null.
 */
public record SentEmail(String messageId, String from, List<String> to, String subject, String body, String raw,
        Map<String, String> headers) {

    public SentEmail {
        to = List.copyOf(to);
        headers = Map.copyOf(headers);
    }

    /** A header of a raw message, case-insensitive, or null. */
    public String header(String name) {
        return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                .map(Map.Entry::getValue).findFirst().orElse(null);
    }
}
