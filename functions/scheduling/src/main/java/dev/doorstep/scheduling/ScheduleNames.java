package dev.doorstep.scheduling;

import dev.doorstep.core.model.OrderKey;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The schedule name of an order: the same order always gets the same name, two orders never share
 * one. Scheduler names are at most 64 characters of {@code [0-9a-zA-Z-_.]}.
 * <ul>
 * <li>{@code rr_{shop}_{orderId}} when both fit as they are (Shopify domains and numeric ids do): the
 * underscore cannot occur in either part, so the name reads back unambiguously;</li>
 * <li>otherwise {@code rh_{readable prefix}_{hash}}: a cleaned, shortened prefix for people and a
 * 96-bit SHA-256 prefix of the key for uniqueness. The different leading tag keeps the two forms
 * from ever colliding.</li>
 * </ul>
 * An order's wake-up ({@link #wakeUpOf}) is named the same way with the tags {@code wu_} and {@code wh_}, so
 * it never meets the order's review request. The retries of a held send ({@link #heldRetryOf}) take
 * {@code ra_}/{@code ha_} and {@code rb_}/{@code hb_} in turn.
 */
public final class ScheduleNames {

    static final int MAX_LENGTH = 64;
    private static final Pattern PLAIN = Pattern.compile("[0-9a-zA-Z.-]+");
    private static final int HASH_HEX = 24;

    private ScheduleNames() {
    }

    public static String of(OrderKey order) {
        return named(order, "rr_", "rh_");
    }

    /** The name of the order's wake-up (tracking retry, fallback deadline). */
    public static String wakeUpOf(OrderKey order) {
        return named(order, "wu_", "wh_");
    }

    /**
     * The name of the retry after the {@code hold}-th hold in a row: two names taken in turn, so a retry
     * is never armed under the name of the schedule that fired the held attempt (a one-time schedule
     * deletes itself after firing, and could take a retry of the same name with it).
     */
    public static String heldRetryOf(OrderKey order, int hold) {
        return hold % 2 == 1 ? named(order, "ra_", "ha_") : named(order, "rb_", "hb_");
    }

    private static String named(OrderKey order, String plainTag, String hashedTag) {
        String plain = plainTag + order.shop() + "_" + order.orderId();
        if (PLAIN.matcher(order.shop()).matches() && PLAIN.matcher(order.orderId()).matches()
                && plain.length() <= MAX_LENGTH) {
            return plain;
        }
        String hash = hash(order.shop() + "/" + order.orderId());
        String readable = (order.shop().replace(".myshopify.com", "") + "-" + order.orderId())
                .replaceAll("[^0-9a-zA-Z.-]+", "-");
        int room = MAX_LENGTH - hashedTag.length() - 1 - HASH_HEX;
        return hashedTag + (readable.length() > room ? readable.substring(0, room) : readable) + "_" + hash;
    }

    private static String hash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, HASH_HEX);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
