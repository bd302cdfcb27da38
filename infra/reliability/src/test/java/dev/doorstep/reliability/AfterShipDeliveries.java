package dev.doorstep.reliability;

import static dev.doorstep.reliability.Headers.header;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import dev.doorstep.emulator.ProjectRoot;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * AfterShip tracking webhooks as API Gateway hands them to AfterShipWebhookFunction: the
 * events/aftership-webhook sample (a Delivered event for order 1001 of acme-tea) read with the Lambda
 * runtime's own serializer, changed and signed again as a case needs.
 */
final class AfterShipDeliveries {

    /** The sample secret events/aftership-webhook/delivered.json is signed with (its README). */
    static final String SECRET = "doorstep-sample-webhook-secret";
    static final String SHOP = "acme-tea.myshopify.com";
    static final String ORDER_ID = "1001";
    static final String TRACKING_ID = "k5lh7dy7vvqeck71p5loe011";
    static final String EVENT_ID = "3f645f5e-1f2b-4c8e-9a59-2f3d7c1a6b10";
    static final String SIGNATURE = "aftership-hmac-sha256";

    private AfterShipDeliveries() {
    }

    static APIGatewayV2HTTPEvent sample() {
        var path = ProjectRoot.find().resolve("events/aftership-webhook/delivered.json");
        try (InputStream in = Files.newInputStream(path)) {
            return LambdaEventSerializers.serializerFor(APIGatewayV2HTTPEvent.class,
                    AfterShipDeliveries.class.getClassLoader()).fromJson(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String body() {
        return sample().getBody();
    }

    /** The sample's body with {@code from} replaced; fails loudly when the sample no longer contains it. */
    static String body(String from, String to) {
        String body = body();
        if (!body.contains(from)) {
            throw new IllegalStateException("events/aftership-webhook/delivered.json no longer contains " + from
                    + "; update the corpus");
        }
        return body.replace(from, to);
    }

    /** The sample with another body, signed with the shop's webhook secret (a delivery AfterShip could make). */
    static APIGatewayV2HTTPEvent signed(String body) {
        return signed(body, SECRET);
    }

    static APIGatewayV2HTTPEvent signed(String body, String secret) {
        APIGatewayV2HTTPEvent event = sample();
        event.setBody(body);
        return header(event, SIGNATURE, sign(body.getBytes(StandardCharsets.UTF_8), secret));
    }

    /** Raw bytes as a base64 body (how API Gateway passes binary media types), signed over the bytes. */
    static APIGatewayV2HTTPEvent signedBytes(byte[] bytes) {
        APIGatewayV2HTTPEvent event = sample();
        event.setBody(Base64.getEncoder().encodeToString(bytes));
        event.setIsBase64Encoded(true);
        return header(event, SIGNATURE, sign(bytes, SECRET));
    }

    /** base64(HMAC-SHA256(body, secret)): AfterShip's {@code aftership-hmac-sha256} (reference/aftership.md §7). */
    static String sign(byte[] body, String secret) {
        return Base64.getEncoder().encodeToString(hmac("HmacSHA256", body, secret));
    }

    static byte[] hmac(String algorithm, byte[] body, String secret) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), algorithm));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The {@code ?shop=} the webhook URL carries; null for none. */
    static APIGatewayV2HTTPEvent shop(APIGatewayV2HTTPEvent event, String shop) {
        event.setQueryStringParameters(shop == null ? null : Map.of("shop", shop));
        event.setRawQueryString(shop == null ? "" : "shop=" + shop);
        return event;
    }

    /** The sample's body as a new event (another event id), signed: what AfterShip sends for a new update. */
    static String withEventId(String body, String eventId) {
        if (!body.contains(EVENT_ID)) {
            throw new IllegalStateException("the body has no sample event id to replace");
        }
        return body.replace(EVENT_ID, eventId);
    }

    static String freshEventId() {
        return UUID.randomUUID().toString();
    }
}
