package dev.doorstep.webhook.shopify;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import dev.doorstep.emulator.ProjectRoot;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Shopify deliveries for tests: the events/shopify-webhook samples, loaded with the Lambda runtime's
 * own serializer (exactly what the handler would be given), re-signed after any change.
 */
final class Deliveries {

    /** The local-only secret events/shopify-webhook/make-events.py signs the samples with. */
    static final String SECRET = "doorstep-local-shopify-secret";

    private Deliveries() {
    }

    static APIGatewayV2HTTPEvent sample(String name) {
        var path = ProjectRoot.find().resolve("events/shopify-webhook/" + name + ".json");
        try (InputStream in = Files.newInputStream(path)) {
            return LambdaEventSerializers.serializerFor(APIGatewayV2HTTPEvent.class, Deliveries.class.getClassLoader())
                    .fromJson(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The sample with its body changed and signed again with {@code secret}. */
    static APIGatewayV2HTTPEvent withBody(APIGatewayV2HTTPEvent event, String body, String secret) {
        event.setBody(body);
        return signed(event, secret);
    }

    static APIGatewayV2HTTPEvent signed(APIGatewayV2HTTPEvent event, String secret) {
        return withHeader(event, "x-shopify-hmac-sha256",
                ShopifySignature.sign(event.getBody().getBytes(StandardCharsets.UTF_8), secret));
    }

    static APIGatewayV2HTTPEvent withHeader(APIGatewayV2HTTPEvent event, String name, String value) {
        return headers(event, h -> {
            h.keySet().removeIf(k -> k.equalsIgnoreCase(name));
            if (value != null) {
                h.put(name, value);
            }
            return h;
        });
    }

    static APIGatewayV2HTTPEvent headers(APIGatewayV2HTTPEvent event, UnaryOperator<Map<String, String>> change) {
        event.setHeaders(change.apply(new HashMap<>(event.getHeaders())));
        return event;
    }

    static String header(APIGatewayV2HTTPEvent event, String name) {
        return event.getHeaders().get(name);
    }
}
