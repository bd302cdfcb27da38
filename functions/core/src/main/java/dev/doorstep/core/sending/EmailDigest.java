package dev.doorstep.core.sending;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;

/**
 * The SHA-256 of a lower-cased, trimmed email address, in hex: how suppressions and unsubscribe
 * tokens name a customer without storing or carrying the address itself.
 */
public record EmailDigest(String hex) {

    public EmailDigest {
        Objects.requireNonNull(hex, "hex");
        if (!hex.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("an email digest is 64 lower-case hex characters");
        }
    }

    public static EmailDigest of(String email) {
        Objects.requireNonNull(email, "email");
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(email.trim().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
            return new EmailDigest(HexFormat.of().formatHex(digest));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    @Override
    public String toString() {
        return hex;
    }
}
