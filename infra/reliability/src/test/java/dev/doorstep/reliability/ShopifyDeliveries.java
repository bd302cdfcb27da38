package dev.doorstep.reliability;

import static dev.doorstep.reliability.Headers.header;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import dev.doorstep.emulator.ProjectRoot;
import dev.doorstep.webhook.shopify.ShopifySignature;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * Shopify deliveries as API Gateway hands them to the function: the events/shopify-webhook samples read
 * with the Lambda runtime's own serializer, changed and signed again as a case needs.
 */
final class ShopifyDeliveries {

    /** The local-only app secret the samples are signed with (events/shopify-webhook/make-events.py). */
    static final String SECRET = "doorstep-local-shopify-secret";
    static final String SHOP = "acme-outdoor.myshopify.com";
    static final List<String> SAMPLES = List.of("fulfillments-create", "orders-fulfilled", "orders-cancelled",
            "refunds-create", "app-uninstalled", "customers-data-request", "customers-redact", "shop-redact");
    static final List<String> REQUIRED_HEADERS = List.of("x-shopify-hmac-sha256", "x-shopify-topic",
            "x-shopify-shop-domain", "x-shopify-api-version", "x-shopify-webhook-id");

    private ShopifyDeliveries() {
    }

    static APIGatewayV2HTTPEvent sample(String name) {
        var path = ProjectRoot.find().resolve("events/shopify-webhook/" + name + ".json");
        try (InputStream in = Files.newInputStream(path)) {
            return LambdaEventSerializers.serializerFor(APIGatewayV2HTTPEvent.class,
                    ShopifyDeliveries.class.getClassLoader()).fromJson(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String body(String sample) {
        return sample(sample).getBody();
    }

    /** The sample with another body, signed with the app secret (a delivery Shopify could have made). */
    static APIGatewayV2HTTPEvent signed(String sample, String body) {
        APIGatewayV2HTTPEvent event = sample(sample);
        event.setBody(body);
        return header(event, "x-shopify-hmac-sha256", sign(body.getBytes(StandardCharsets.UTF_8), SECRET));
    }

    /** Raw bytes as a base64 body (how API Gateway passes binary media types), signed over the bytes. */
    static APIGatewayV2HTTPEvent signedBytes(String sample, byte[] bytes) {
        APIGatewayV2HTTPEvent event = sample(sample);
        event.setBody(Base64.getEncoder().encodeToString(bytes));
        event.setIsBase64Encoded(true);
        return header(event, "x-shopify-hmac-sha256", sign(bytes, SECRET));
    }

    static String sign(byte[] body, String secret) {
        return ShopifySignature.sign(body, secret);
    }

    /** A fresh webhook id, as Shopify gives every delivery of a new event. */
    static APIGatewayV2HTTPEvent fresh(APIGatewayV2HTTPEvent event) {
        return header(event, "x-shopify-webhook-id", UUID.randomUUID().toString());
    }

    /**
     * A fulfillments/create delivery for its own order: the sample with the order id, fulfillment id,
     * tracking number and webhook id replaced, signed.
     *
     * @param trackingNumber null for a fulfillment without tracking (fulfillment timing)
     */
    static APIGatewayV2HTTPEvent fulfillment(String shop, String orderId, String trackingNumber, String email) {
        String body = body("fulfillments-create")
                .replace("\"order_id\":5710293847561", "\"order_id\":" + orderId)
                .replace("\"id\":4829301847562", "\"id\":" + orderId + "9")
                .replace("\"email\":\"erika.muster@example.org\"", "\"email\":\"" + email + "\"");
        body = trackingNumber == null
                ? body.replace("\"tracking_number\":\"1234567890\"", "\"tracking_number\":null")
                        .replace("\"tracking_numbers\":[\"1234567890\"]", "\"tracking_numbers\":[]")
                : body.replace("\"1234567890\"", "\"" + trackingNumber + "\"")
                        .replace("tracking-id=1234567890", "tracking-id=" + trackingNumber);
        APIGatewayV2HTTPEvent event = signed("fulfillments-create", body);
        header(event, "x-shopify-shop-domain", shop);
        return fresh(event);
    }
}
