package dev.doorstep.sending;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.james.mime4j.MimeException;
import org.apache.james.mime4j.stream.EntityState;
import org.apache.james.mime4j.stream.MimeConfig;
import org.apache.james.mime4j.stream.MimeTokenStream;
import org.apache.james.mime4j.stream.NameValuePair;
import org.apache.james.mime4j.stream.ParserCursor;
import org.apache.james.mime4j.stream.RawFieldParser;
import org.apache.james.mime4j.util.ByteSequence;
import org.apache.james.mime4j.util.ContentUtil;

/**
 * The fields of a one-click unsubscribe POST (RFC 8058 §3.1: {@code List-Unsubscribe=One-Click}). The
 * RFC lets mail clients send it as {@code application/x-www-form-urlencoded} or
 * {@code multipart/form-data}; the multipart form is read with Apache James mime4j. API Gateway may
 * hand the body over base64-encoded. A body that cannot be read gives no fields (the caller then
 * answers 400).
 */
final class OneClickForm {

    /** Far more than a one-click form; anything longer is not one. */
    static final int MAX_BODY_BYTES = 16 * 1024;
    private static final int MAX_FIELD_BYTES = 1024;

    private OneClickForm() {
    }

    static Map<String, String> fields(APIGatewayV2HTTPEvent event) {
        String body = event.getBody();
        if (body == null || body.isBlank()) {
            return Map.of();
        }
        byte[] bytes;
        try {
            bytes = event.getIsBase64Encoded() ? Base64.getDecoder().decode(body) : body.getBytes(StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Map.of();
        }
        if (bytes.length > MAX_BODY_BYTES) {
            return Map.of();
        }
        String contentType = contentType(event);
        if (contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
            return multipart(bytes, contentType);
        }
        return urlencoded(new String(bytes, StandardCharsets.UTF_8));
    }

    private static String contentType(APIGatewayV2HTTPEvent event) {
        if (event.getHeaders() == null) {
            return "";
        }
        // HTTP API lower-cases header names; a direct invocation may not.
        for (Map.Entry<String, String> h : event.getHeaders().entrySet()) {
            if ("content-type".equalsIgnoreCase(h.getKey()) && h.getValue() != null) {
                return h.getValue().strip();
            }
        }
        return "";
    }

    private static Map<String, String> urlencoded(String body) {
        Map<String, String> fields = new HashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                try {
                    fields.putIfAbsent(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8).strip());
                } catch (IllegalArgumentException malformed) {
                    // a broken pair is ignored; what is missing is reported by the caller
                }
            }
        }
        return fields;
    }

    private static Map<String, String> multipart(byte[] body, String contentType) {
        MimeTokenStream parts = new MimeTokenStream(MimeConfig.PERMISSIVE);
        Map<String, String> fields = new HashMap<>();
        try {
            parts.parseHeadless(new ByteArrayInputStream(body), contentType);
            String name = null;
            for (EntityState state = parts.getState(); state != EntityState.T_END_OF_STREAM; state = parts.next()) {
                switch (state) {
                    case T_START_BODYPART -> name = null;
                    case T_FIELD -> {
                        if ("content-disposition".equals(parts.getField().getNameLowerCase())) {
                            name = dispositionName(parts.getField().getBody());
                        }
                    }
                    case T_BODY -> {
                        if (name != null) {
                            fields.putIfAbsent(name, text(parts.getDecodedInputStream()));
                        }
                    }
                    default -> { }
                }
            }
        } catch (IOException | MimeException | RuntimeException e) {
            return Map.of();
        }
        return fields;
    }

    /** The {@code name} parameter of a {@code form-data} part's Content-Disposition. */
    private static String dispositionName(String disposition) {
        ByteSequence raw = ContentUtil.encode(disposition);
        for (NameValuePair p : RawFieldParser.DEFAULT.parseRawBody(raw, new ParserCursor(0, raw.length()))
                .getParams()) {
            if ("name".equalsIgnoreCase(p.getName())) {
                return p.getValue();
            }
        }
        return null;
    }

    private static String text(InputStream in) throws IOException {
        return new String(in.readNBytes(MAX_FIELD_BYTES), StandardCharsets.UTF_8).strip();
    }
}
