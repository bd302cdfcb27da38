package dev.doorstep.mail;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * SES message tags that carry the order on every email, so SES events (send, bounce, complaint)
 * lead back to the shop and order. Tag values allow only {@code [A-Za-z0-9_-]}, so every other byte
 * is written as {@code _hh}: "acme.myshopify.com" becomes "acme_2emyshopify_2ecom", reversibly.
 */
public final class MessageTags {

    public static final String SHOP = "doorstep-shop";
    public static final String ORDER = "doorstep-order";

    private MessageTags() {
    }

    public static String encode(String value) {
        StringBuilder out = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-') {
                out.append(c);
            } else {
                out.append('_').append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
            }
        }
        return out.toString();
    }

    /** @throws IllegalArgumentException when {@code value} is not something {@link #encode} wrote */
    public static String decode(String value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '_') {
                if (i + 2 >= value.length()) {
                    throw new IllegalArgumentException("truncated escape in tag value");
                }
                out.write(Integer.parseInt(value.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                out.write(c);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
