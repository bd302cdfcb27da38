package dev.doorstep.core.sending;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Names a customer by a keyed digest of their address: HMAC-SHA256 of the normalised address
 * ({@link EmailDigest#normalise}) under a key of ours. A plain SHA-256 confirms a guessed address to
 * anyone holding the digest (a table export, a forwarded unsubscribe link); this one cannot be checked
 * without the key. The key is derived from the unsubscribe secret (HMAC-SHA256 of the secret over
 * {@value #PURPOSE}), so one secret serves both and the two uses never share a key.
 */
public final class EmailDigester {

    static final String PURPOSE = "doorstep email digest v2";
    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;

    public EmailDigester(byte[] secret) {
        Objects.requireNonNull(secret, "secret");
        key = new SecretKeySpec(hmac(new SecretKeySpec(secret.clone(), ALGORITHM),
                PURPOSE.getBytes(StandardCharsets.UTF_8)), ALGORITHM);
    }

    public EmailDigest of(String email) {
        Objects.requireNonNull(email, "email");
        return new EmailDigest(HexFormat.of().formatHex(hmac(key,
                EmailDigest.normalise(email).getBytes(StandardCharsets.UTF_8))));
    }

    private static byte[] hmac(SecretKeySpec key, byte[] data) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has " + ALGORITHM, e);
        }
    }
}
