package dev.doorstep.shopify.standin;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * App Bridge session tokens as Shopify signs them: a JWT, HS256 with the app's client secret, claims
 * {@code iss} (the shop's admin URL), {@code dest} (the shop's URL), {@code aud} (the client id),
 * {@code sub} (a staff member), {@code exp} (a minute after {@code nbf}/{@code iat}), {@code jti}, {@code sid}.
 */
public final class SessionTokens {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();

    private SessionTokens() {
    }

    /** The claims Shopify would put in a token for {@code shop} issued at {@code at}. */
    public static ObjectNode claims(String shop, String clientId, Instant at) {
        return JSON.createObjectNode()
                .put("iss", "https://" + shop + "/admin")
                .put("dest", "https://" + shop)
                .put("aud", clientId)
                .put("sub", "42")
                .put("exp", at.getEpochSecond() + 60)
                .put("nbf", at.getEpochSecond())
                .put("iat", at.getEpochSecond())
                .put("jti", UUID.randomUUID().toString())
                .put("sid", UUID.randomUUID().toString());
    }

    /** A signed token for {@code shop}, valid for a minute from now. */
    public static String issue(String shop, String clientId, String clientSecret) {
        return sign(claims(shop, clientId, Instant.now()), clientSecret);
    }

    /** Signs any claims (tests bend them to make expired, wrong-audience or foreign-shop tokens). */
    public static String sign(ObjectNode claims, String clientSecret) {
        String header = B64URL.encodeToString(JSON.createObjectNode().put("alg", "HS256").put("typ", "JWT")
                .toString().getBytes(StandardCharsets.UTF_8));
        String payload = B64URL.encodeToString(claims.toString().getBytes(StandardCharsets.UTF_8));
        String input = header + "." + payload;
        return input + "." + B64URL.encodeToString(hmac(clientSecret, input));
    }

    /** The stand-in's own check of a subject token: the claims when signature, audience and time hold. */
    static Map<String, Object> verify(String token, String clientId, String clientSecret, Instant now) {
        String[] parts = token == null ? new String[0] : token.split("\\.", -1);
        if (parts.length != 3) {
            return null;
        }
        try {
            byte[] given = Base64.getUrlDecoder().decode(parts[2]);
            if (!MessageDigest.isEqual(given, hmac(clientSecret, parts[0] + "." + parts[1]))) {
                return null;
            }
            ObjectNode claims = (ObjectNode) JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
            if (!clientId.equals(claims.path("aud").asText()) || claims.path("exp").asLong() + 10 < now.getEpochSecond()) {
                return null;
            }
            return Map.of("dest", claims.path("dest").asText(""));
        } catch (IllegalArgumentException | java.io.IOException | ClassCastException e) {
            return null;
        }
    }

    private static byte[] hmac(String secret, String input) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(input.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
