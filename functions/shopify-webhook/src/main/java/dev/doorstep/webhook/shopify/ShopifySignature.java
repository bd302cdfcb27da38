package dev.doorstep.webhook.shopify;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Shopify's webhook signature: base64(HMAC-SHA256(client secret, raw body bytes)), compared in
 * constant time on the decoded bytes. Any of the given secrets may have signed (rotation).
 */
public final class ShopifySignature {

    private ShopifySignature() {
    }

    public static boolean isValid(byte[] body, String header, List<String> secrets) {
        byte[] claimed;
        try {
            claimed = Base64.getDecoder().decode(header.trim());
        } catch (IllegalArgumentException e) {
            return false;
        }
        boolean valid = false;
        for (String secret : secrets) {
            // No early exit: every secret is tried, so timing says nothing about which one matched.
            valid |= MessageDigest.isEqual(hmac(secret, body), claimed);
        }
        return valid;
    }

    public static String sign(byte[] body, String secret) {
        return Base64.getEncoder().encodeToString(hmac(secret, body));
    }

    private static byte[] hmac(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
