package dev.doorstep.aftership;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/** A shop's AfterShip API key in clear. Never logged: {@link #toString()} and {@link #id()} hide it. */
public record ApiKey(String value) {

    public ApiKey {
        Objects.requireNonNull(value, "value");
        if (value.isBlank()) {
            throw new IllegalArgumentException("an AfterShip API key must not be blank");
        }
        value = value.trim();
    }

    /** A short hash that tells accounts apart in rate limiters and logs without revealing the key. */
    public String id() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return "ApiKey[withheld]";
    }
}
