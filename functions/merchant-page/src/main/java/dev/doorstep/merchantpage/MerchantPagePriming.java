package dev.doorstep.merchantpage;

import com.fasterxml.jackson.databind.JsonNode;
import dev.doorstep.core.model.Shop;
import dev.doorstep.core.model.ShopSettings;
import dev.doorstep.lambda.HttpResponses;
import dev.doorstep.lambda.Json;
import dev.doorstep.shopify.InvalidSessionTokenException;
import dev.doorstep.shopify.SessionTokenVerifier;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The merchant page's SnapStart priming: what every first request pays for, done before the snapshot. A
 * session token signed with a throwaway secret is verified twice: by a verifier of that secret (every check
 * passes) and by the function's own (refused at the signature, as a forged token is); the page is rendered;
 * the email preview is composed for the sample order and mapped to JSON as the API answers it.
 *
 * <p>Why it is safe at deployment time: no network and no AWS call at all. The store is never read (the
 * preview is written for the built-in sample order, whose product has no page to look up), nothing is
 * saved, and nothing is logged or counted.
 */
final class MerchantPagePriming {

    static final String SHOP = "doorstep-snapstart-priming.myshopify.com";
    static final String CLIENT_ID = "doorstep-snapstart-priming";
    static final String DRAFT = """
            {"subject": "How was {products}, {customer_name}?", "body": "Hi {customer_name}: {review_url}",
             "reviewUrl": "https://doorstep-snapstart-priming.invalid/reviews"}""";

    private MerchantPagePriming() {
    }

    static void prime(SessionTokenVerifier verifier, MerchantPageHtml page, EmailPreview preview) {
        String secret = java.util.UUID.randomUUID().toString();
        String token = token(secret, Instant.now());
        new SessionTokenVerifier(CLIENT_ID, secret, Clock.systemUTC(), SessionTokenVerifier.DEFAULT_LEEWAY)
                .verify(token);
        try {
            verifier.verify(token);
        } catch (InvalidSessionTokenException expected) {
            // signed with the throwaway secret, not the app's: the refusal path is the one warmed here
        }
        page.response(SHOP);
        JsonNode draft;
        try {
            draft = Json.MAPPER.readTree(DRAFT);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        HttpResponses.json(200, preview.of(Shop.installed(ShopSettings.defaults(SHOP)), draft,
                EmailPreviewOrder.sample(SHOP)));
    }

    /** An App Bridge session token (HS256 JWT) for {@link #SHOP}, good for a minute from {@code now}. */
    static String token(String secret, Instant now) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String header = b64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String claims = b64.encodeToString(Json.MAPPER.createObjectNode()
                .put("iss", "https://" + SHOP + "/admin").put("dest", "https://" + SHOP).put("aud", CLIENT_ID)
                .put("sub", "1").put("exp", now.getEpochSecond() + 60).put("nbf", now.getEpochSecond())
                .put("iat", now.getEpochSecond()).toString().getBytes(StandardCharsets.UTF_8));
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return header + "." + claims + "." + b64.encodeToString(mac.doFinal((header + "." + claims)
                    .getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has HmacSHA256", e);
        }
    }
}
