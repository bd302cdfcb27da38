package dev.doorstep.webhook.shopify;

import com.fasterxml.jackson.databind.JsonNode;
import dev.doorstep.core.model.ShopFacts;
import java.time.Instant;

/**
 * {@code shop/update}'s payload (the REST Shop resource) to the shop's facts: {@code name},
 * {@code customer_email} (the customer-facing address; {@code email} when absent), {@code iana_timezone},
 * {@code country_code}. The facts are as of the payload's {@code updated_at}, else the delivery's
 * trigger time, so a late delivery never overwrites newer facts.
 */
final class ShopUpdatePayload {

    private ShopUpdatePayload() {
    }

    static ShopFacts facts(JsonNode payload, Instant triggeredAt, Instant receivedAt) {
        Instant updatedAt = PayloadReader.time(payload, "updated_at");
        String contact = PayloadReader.text(payload, "customer_email");
        return new ShopFacts(PayloadReader.text(payload, "name"),
                contact != null ? contact : PayloadReader.text(payload, "email"),
                ShopFacts.zone(PayloadReader.text(payload, "iana_timezone")),
                PayloadReader.text(payload, "country_code"),
                updatedAt != null ? updatedAt : triggeredAt != null ? triggeredAt : receivedAt);
    }
}
