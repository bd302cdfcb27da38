package dev.doorstep.shopify;

import com.fasterxml.jackson.databind.JsonNode;
import dev.doorstep.lambda.Json;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Verifies an App Bridge session token: a JWT signed HS256 with the app's client secret, whose
 * {@code aud} is the app's client id, whose {@code dest} names the shop (and {@code iss} the same shop's
 * admin), and which is inside {@code nbf}..{@code exp} give or take a small leeway for clock skew.
 * Any failed check throws {@link InvalidSessionTokenException}; only a token that passes every one
 * yields a {@link VerifiedSession}. Reusable by every route that takes a session token.
 */
public final class SessionTokenVerifier {

    /** Shopify's own libraries allow a few seconds of clock skew; tokens live a minute. */
    public static final Duration DEFAULT_LEEWAY = Duration.ofSeconds(10);

    private static final Pattern SHOP_URL =
            Pattern.compile("^https://([a-z0-9][a-z0-9-]*\\.myshopify\\.com)(/admin)?/?$");
    private static final Base64.Decoder B64URL = Base64.getUrlDecoder();

    private final String clientId;
    private final byte[] clientSecret;
    private final Clock clock;
    private final Duration leeway;

    public SessionTokenVerifier(String clientId, String clientSecret, Clock clock, Duration leeway) {
        if (clientId == null || clientId.isBlank() || clientSecret == null || clientSecret.isEmpty()) {
            throw new IllegalArgumentException("the app's client id and client secret are required");
        }
        this.clientId = clientId;
        this.clientSecret = clientSecret.getBytes(StandardCharsets.UTF_8);
        this.clock = Objects.requireNonNull(clock, "clock");
        this.leeway = Objects.requireNonNull(leeway, "leeway");
    }

    /** @throws InvalidSessionTokenException naming the first check the token failed (never the token) */
    public VerifiedSession verify(String token) {
        if (token == null || token.isBlank()) {
            throw new InvalidSessionTokenException("missing");
        }
        String[] parts = token.trim().split("\\.", -1);
        if (parts.length != 3) {
            throw new InvalidSessionTokenException("malformed");
        }
        JsonNode header = json(parts[0]);
        if (!"HS256".equals(header.path("alg").asText())) {
            // Pinning the algorithm keeps "none" and key-confusion tricks out.
            throw new InvalidSessionTokenException("unexpected algorithm");
        }
        byte[] expected = sign(parts[0] + "." + parts[1]);
        byte[] given;
        try {
            given = B64URL.decode(parts[2]);
        } catch (IllegalArgumentException e) {
            throw new InvalidSessionTokenException("malformed signature");
        }
        if (!MessageDigest.isEqual(expected, given)) {
            throw new InvalidSessionTokenException("bad signature");
        }
        JsonNode claims = json(parts[1]);
        Instant now = clock.instant();
        if (!claims.path("exp").canConvertToLong() || !now.minus(leeway).isBefore(epoch(claims, "exp"))) {
            throw new InvalidSessionTokenException("expired");
        }
        if (claims.has("nbf") && now.plus(leeway).isBefore(epoch(claims, "nbf"))) {
            throw new InvalidSessionTokenException("not yet valid");
        }
        if (!audienceMatches(claims.path("aud"))) {
            throw new InvalidSessionTokenException("wrong audience");
        }
        String shop = shopOf(claims.path("dest").asText(null));
        if (shop == null) {
            throw new InvalidSessionTokenException("dest does not name a shop");
        }
        String issuer = shopOf(claims.path("iss").asText(null));
        if (!shop.equals(issuer)) {
            throw new InvalidSessionTokenException("iss and dest name different shops");
        }
        return new VerifiedSession(shop, claims.path("sub").asText(null), epoch(claims, "exp"));
    }

    private boolean audienceMatches(JsonNode aud) {
        if (aud.isArray()) {
            for (JsonNode a : aud) {
                if (clientId.equals(a.asText())) {
                    return true;
                }
            }
            return false;
        }
        return clientId.equals(aud.asText(null));
    }

    private static String shopOf(String url) {
        if (url == null) {
            return null;
        }
        Matcher m = SHOP_URL.matcher(url);
        return m.matches() ? m.group(1) : null;
    }

    private static Instant epoch(JsonNode claims, String name) {
        return Instant.ofEpochSecond(claims.path(name).asLong());
    }

    private static JsonNode json(String part) {
        try {
            JsonNode node = Json.MAPPER.readTree(B64URL.decode(part));
            if (node == null || !node.isObject()) {
                throw new InvalidSessionTokenException("malformed");
            }
            return node;
        } catch (IllegalArgumentException | java.io.IOException e) {
            throw new InvalidSessionTokenException("malformed");
        }
    }

    private byte[] sign(String signingInput) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(clientSecret, "HmacSHA256"));
            return mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
