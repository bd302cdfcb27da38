package dev.doorstep.emulator;

import java.util.LinkedHashMap;
import java.util.Map;

/** Splits the header block of a raw RFC 5322 message, unfolding continuation lines. */
final class MimeHeaders {

    private MimeHeaders() {
    }

    static Map<String, String> parse(String raw) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (raw == null) {
            return headers;
        }
        String name = null;
        StringBuilder value = new StringBuilder();
        for (String line : raw.split("\r?\n", -1)) {
            if (line.isEmpty()) {
                break;
            }
            if ((line.startsWith(" ") || line.startsWith("\t")) && name != null) {
                value.append(' ').append(line.trim());
                continue;
            }
            if (name != null) {
                headers.putIfAbsent(name, value.toString());
            }
            int colon = line.indexOf(':');
            name = colon > 0 ? line.substring(0, colon).trim() : null;
            value = new StringBuilder(colon > 0 ? line.substring(colon + 1).trim() : "");
        }
        if (name != null) {
            headers.putIfAbsent(name, value.toString());
        }
        return headers;
    }

    /** The part after the first blank line. */
    static String body(String raw) {
        int split = raw.indexOf("\r\n\r\n");
        if (split >= 0) {
            return raw.substring(split + 4);
        }
        split = raw.indexOf("\n\n");
        return split >= 0 ? raw.substring(split + 2) : "";
    }
}
