package dev.doorstep.local;

import dev.doorstep.emulator.SentEmail;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;

/** The text/plain part of a sent email, decoded, for people reading {@code /_local/emails}. */
final class TextPart {

    private TextPart() {
    }

    static String of(SentEmail mail) {
        if (mail.raw() == null) {
            return mail.body();
        }
        String raw = mail.raw();
        int at = raw.toLowerCase(Locale.ROOT).indexOf("content-type: text/plain");
        if (at < 0) {
            return mail.body();
        }
        String part = raw.substring(at);
        int headerEnd = part.indexOf("\r\n\r\n");
        int skip = 4;
        if (headerEnd < 0) {
            headerEnd = part.indexOf("\n\n");
            skip = 2;
        }
        if (headerEnd < 0) {
            return mail.body();
        }
        String headers = part.substring(0, headerEnd).toLowerCase(Locale.ROOT);
        String body = part.substring(headerEnd + skip);
        int boundary = body.indexOf("\n--");
        if (boundary >= 0) {
            body = body.substring(0, boundary);
        }
        body = body.strip();
        if (headers.contains("content-transfer-encoding: base64")) {
            return new String(Base64.getMimeDecoder().decode(body), StandardCharsets.UTF_8);
        }
        return body;
    }
}
