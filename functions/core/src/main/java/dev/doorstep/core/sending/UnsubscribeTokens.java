package dev.doorstep.core.sending;

import dev.doorstep.core.model.OrderKey;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Issues and verifies unsubscribe tokens: {@code base64url(payload) "." base64url(HMAC-SHA256(payload))},
 * URL-safe without padding. The payload carries the order key and the email digest, never the address,
 * so a forwarded link reveals nothing and a forged one is refused. No expiry: an unsubscribe link must
 * keep working for as long as the email sits in an inbox. Version 2 carries the keyed digest
 * ({@link #digester()}, from the same secret); version 1 links, issued before, carried a plain SHA-256
 * and are still honoured (the suppression they record is re-keyed when the sender next meets it).
 */
public final class UnsubscribeTokens {

    private static final String VERSION = "2";
    private static final String VERSION_UNKEYED_DIGEST = "1";
    private static final String ALGORITHM = "HmacSHA256";
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
    private static final int MIN_SECRET_BYTES = 32;

    private final SecretKeySpec key;
    private final EmailDigester digester;

    public UnsubscribeTokens(byte[] secret) {
        Objects.requireNonNull(secret, "secret");
        if (secret.length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("the unsubscribe secret must be at least " + MIN_SECRET_BYTES
                    + " bytes");
        }
        key = new SecretKeySpec(secret.clone(), ALGORITHM);
        digester = new EmailDigester(secret);
    }

    /** The keyed digest the links and suppressions name a customer by, under this secret. */
    public EmailDigester digester() {
        return digester;
    }

    public String issue(UnsubscribeToken token) {
        byte[] payload = String.join("\n", VERSION, token.order().shop(), token.order().orderId(),
                token.email().hex()).getBytes(StandardCharsets.UTF_8);
        return ENCODER.encodeToString(payload) + "." + ENCODER.encodeToString(mac(payload));
    }

    /** @throws InvalidUnsubscribeTokenException when the token is malformed or not signed by us */
    public UnsubscribeToken verify(String token) {
        if (token == null || token.isBlank()) {
            throw new InvalidUnsubscribeTokenException("the unsubscribe link has no token");
        }
        int dot = token.indexOf('.');
        if (dot <= 0 || dot != token.lastIndexOf('.')) {
            throw new InvalidUnsubscribeTokenException("the unsubscribe token is malformed");
        }
        byte[] payload;
        byte[] signature;
        try {
            payload = DECODER.decode(token.substring(0, dot));
            signature = DECODER.decode(token.substring(dot + 1));
        } catch (IllegalArgumentException e) {
            throw new InvalidUnsubscribeTokenException("the unsubscribe token is not base64url");
        }
        // Constant time, so the signature cannot be guessed byte by byte from response times.
        if (!MessageDigest.isEqual(mac(payload), signature)) {
            throw new InvalidUnsubscribeTokenException("the unsubscribe token's signature does not match");
        }
        String[] fields = new String(payload, StandardCharsets.UTF_8).split("\n", -1);
        if (fields.length != 4 || !(VERSION.equals(fields[0]) || VERSION_UNKEYED_DIGEST.equals(fields[0]))) {
            throw new InvalidUnsubscribeTokenException("the unsubscribe token has an unknown layout");
        }
        try {
            return new UnsubscribeToken(new OrderKey(fields[1], fields[2]), new EmailDigest(fields[3]));
        } catch (IllegalArgumentException e) {
            throw new InvalidUnsubscribeTokenException("the unsubscribe token's contents are invalid");
        }
    }

    private byte[] mac(byte[] payload) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal(payload);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has " + ALGORITHM, e);
        }
    }
}
