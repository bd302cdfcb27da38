package dev.doorstep.sending;

import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import dev.doorstep.core.model.Customer;
import dev.doorstep.core.model.Fulfillment;
import dev.doorstep.core.model.LineItem;
import dev.doorstep.core.model.Order;
import dev.doorstep.core.model.OrderKey;
import dev.doorstep.core.sending.UnsubscribeTokens;
import dev.doorstep.core.timing.SendDecision;
import dev.doorstep.core.timing.TimingReason;
import dev.doorstep.emulator.ProjectRoot;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Orders, the signing key and the events/review-sender fixtures, read as the Lambda runtime reads them. */
final class Fixtures {

    static final String SHOP = "acme-tea.myshopify.com";
    static final Instant FULFILLED = Instant.parse("2026-03-02T10:00:00Z");
    static final Instant SEND_AT = Instant.parse("2026-03-15T08:30:00Z");
    static final byte[] SECRET = "a test secret that is long enough to sign with".getBytes(StandardCharsets.UTF_8);
    static final UnsubscribeTokens TOKENS = new UnsubscribeTokens(SECRET);

    private Fixtures() {
    }

    static Order scheduled(String orderId, String email) {
        return Order.received(new OrderKey(SHOP, orderId), "#" + orderId,
                        new Fulfillment("f-" + orderId, FULFILLED, "1Z999", "ups", "US"),
                        new Customer("c-" + orderId, "Ana <b>Lima</b>", email, null),
                        List.of(new LineItem("p1", "Green Tea & Honey")), FULFILLED)
                .schedule(new SendDecision(SEND_AT, TimingReason.DELIVERY_BASED, SEND_AT, false,
                        "3 days after delivery"), FULFILLED);
    }

    /** A fixture's text with its example values replaced (for example the {{token}} placeholder). */
    static String text(String name, Map<String, String> replacements) {
        try {
            String json = Files.readString(ProjectRoot.find().resolve("events/review-sender").resolve(name));
            for (Map.Entry<String, String> r : replacements.entrySet()) {
                json = json.replace(r.getKey(), r.getValue());
            }
            return json;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static <T> T event(String name, Class<T> type, Map<String, String> replacements) {
        return LambdaEventSerializers.serializerFor(type, Fixtures.class.getClassLoader())
                .fromJson(new ByteArrayInputStream(text(name, replacements).getBytes(StandardCharsets.UTF_8)));
    }
}
