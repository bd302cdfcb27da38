package dev.doorstep.webhook.aftership;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * AfterShip's {@code aftership-hmac-sha256}: base64(HMAC-SHA256(raw body, webhook secret)), compared
 * in constant time over the exact bytes received (reference/aftership.md §7).
 */
final class WebhookSignature {

    private WebhookSignature() {
    }

    static boolean matches(byte[] rawBody, String secret, String header) {
        if (header == null || header.isBlank() || secret == null || secret.isEmpty()) {
            return false;
        }
        byte[] claimed;
        try {
            claimed = Base64.getDecoder().decode(header.trim());
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(sign(rawBody, secret), claimed);
    }

    private static byte[] sign(byte[] body, String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
