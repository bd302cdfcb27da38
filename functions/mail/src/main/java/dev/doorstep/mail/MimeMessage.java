package dev.doorstep.mail;

import dev.doorstep.core.sending.ReviewRequestEmail;
import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * Writes a review request as a raw RFC 5322 message: multipart/alternative with a text and an HTML
 * part (UTF-8, base64), non-ASCII headers as RFC 2047 encoded words, and the RFC 8058 one-click
 * unsubscribe headers. Raw, because SES's "simple" sends lose custom headers in some emulators and
 * cap them at 15; here we control every byte.
 */
final class MimeMessage {

    private static final String CRLF = "\r\n";
    private static final int ENCODED_CHUNK_BYTES = 45; // 45 bytes -> 60 base64 chars, inside 75 per word
    private static final int FOLD_AT = 76;

    private MimeMessage() {
    }

    /** @param to the recipient, already checked and in ASCII form */
    static String write(ReviewRequestEmail email, String fromAddress, String to, ZonedDateTime date) {
        String boundary = "=_doorstep_" + UUID.randomUUID().toString().replace("-", "");
        StringBuilder m = new StringBuilder();
        header(m, "From", email.fromName() == null || email.fromName().isBlank() ? fromAddress
                : displayName(email.fromName()) + " <" + fromAddress + ">");
        header(m, "To", to);
        if (email.replyTo() != null && email.replyTo().matches("[\\x21-\\x7e&&[^<>]]+@[\\x21-\\x7e&&[^<>]]+")) {
            header(m, "Reply-To", email.replyTo()); // the shop's contact address; anything odd is left out
        }
        header(m, "Subject", unstructured(email.subject(), "Subject".length()));
        header(m, "Date", DateTimeFormatter.RFC_1123_DATE_TIME.format(date));
        header(m, "MIME-Version", "1.0");
        // RFC 8058: List-Unsubscribe first, then List-Unsubscribe-Post; the HTTPS URI must come first.
        header(m, "List-Unsubscribe", "<" + email.unsubscribeUrl() + ">"
                + (email.unsubscribeMailto() == null ? "" : "," + CRLF + " <" + email.unsubscribeMailto() + ">"));
        header(m, "List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        header(m, "Auto-Submitted", "auto-generated");
        header(m, "Content-Type", "multipart/alternative; boundary=\"" + boundary + "\"");
        m.append(CRLF);
        part(m, boundary, "text/plain", email.text());
        part(m, boundary, "text/html", email.html());
        m.append("--").append(boundary).append("--").append(CRLF);
        return m.toString();
    }

    private static void part(StringBuilder m, String boundary, String type, String content) {
        m.append("--").append(boundary).append(CRLF);
        header(m, "Content-Type", type + "; charset=UTF-8");
        header(m, "Content-Transfer-Encoding", "base64");
        m.append(CRLF);
        m.append(Base64.getMimeEncoder(FOLD_AT, CRLF.getBytes(StandardCharsets.US_ASCII))
                .encodeToString(content.getBytes(StandardCharsets.UTF_8))).append(CRLF);
    }

    private static void header(StringBuilder m, String name, String value) {
        m.append(name).append(": ").append(value).append(CRLF);
    }

    /** A phrase for the From header: quoted when ASCII, encoded words when not. */
    static String displayName(String name) {
        String flat = name.replaceAll("\\p{Cntrl}", " ").strip();
        if (isPrintableAscii(flat)) {
            return "\"" + flat.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
        }
        return String.join(" ", encodedWords(flat));
    }

    /** An unstructured header value (Subject): folded ASCII, or UTF-8 encoded words when needed. */
    static String unstructured(String value, int nameLength) {
        String flat = value.replaceAll("\\p{Cntrl}", " ");
        if (isPrintableAscii(flat) && !flat.contains("=?")) {
            return fold(flat, nameLength + 2);
        }
        return String.join(CRLF + " ", encodedWords(flat));
    }

    /** RFC 2047 B-encoded words of at most 75 characters, never splitting a character. */
    private static List<String> encodedWords(String text) {
        List<String> words = new ArrayList<>();
        StringBuilder chunk = new StringBuilder();
        int bytes = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            String ch = new String(Character.toChars(cp));
            int size = ch.getBytes(StandardCharsets.UTF_8).length;
            if (bytes + size > ENCODED_CHUNK_BYTES) {
                words.add(word(chunk.toString()));
                chunk.setLength(0);
                bytes = 0;
            }
            chunk.append(ch);
            bytes += size;
            i += Character.charCount(cp);
        }
        if (!chunk.isEmpty() || words.isEmpty()) {
            words.add(word(chunk.toString()));
        }
        return words;
    }

    private static String word(String text) {
        return "=?UTF-8?B?" + Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8)) + "?=";
    }

    /** Folds at spaces so that lines stay near 78 characters (a long word stays whole). */
    private static String fold(String text, int used) {
        StringBuilder out = new StringBuilder();
        int line = used;
        for (String word : text.split(" ", -1)) {
            if (!out.isEmpty()) {
                if (line + 1 + word.length() > 78) {
                    out.append(CRLF);
                    line = 0;
                }
                out.append(' ');
                line++;
            }
            out.append(word);
            line += word.length();
        }
        return out.toString();
    }

    static boolean isPrintableAscii(String s) {
        return s.chars().allMatch(c -> c >= 0x20 && c < 0x7f);
    }
}
