package dev.doorstep.core.sending;

import java.net.IDN;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;

/**
 * A 256-bit digest of a normalised email address (trimmed, lower-cased, domain in its ASCII form), in
 * hex: how suppressions and unsubscribe tokens name a customer without storing or carrying the
 * address. Made by {@link EmailDigester} (keyed HMAC); {@link #unkeyedSha256} is only for finding
 * records written before digests were keyed. The ASCII domain matters because SES reports bounces for
 * the address as sent, in punycode.
 */
public record EmailDigest(String hex) {

    public EmailDigest {
        Objects.requireNonNull(hex, "hex");
        if (!hex.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("an email digest is 64 lower-case hex characters");
        }
    }

    /**
     * The plain SHA-256 that suppressions and unsubscribe links (token version 1) carried before digests
     * were keyed: only to find (and re-key) such records, never to write new ones.
     */
    public static EmailDigest unkeyedSha256(String email) {
        Objects.requireNonNull(email, "email");
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(normalise(email).getBytes(StandardCharsets.UTF_8));
            return new EmailDigest(HexFormat.of().formatHex(digest));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    static String normalise(String email) {
        String address = email.trim().toLowerCase(Locale.ROOT);
        int at = address.lastIndexOf('@');
        if (at < 0) {
            return address;
        }
        try {
            return address.substring(0, at + 1) + IDN.toASCII(address.substring(at + 1), IDN.ALLOW_UNASSIGNED)
                    .toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return address; // not a valid domain: such an address is never sent to anyway
        }
    }

    @Override
    public String toString() {
        return hex;
    }
}
