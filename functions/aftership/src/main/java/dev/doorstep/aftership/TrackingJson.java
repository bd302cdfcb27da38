package dev.doorstep.aftership;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.doorstep.core.delivery.Checkpoint;
import dev.doorstep.core.tracking.DeliveryTag;
import dev.doorstep.core.tracking.TrackedShipment;
import dev.doorstep.core.tracking.TrackingRequest;
import dev.doorstep.lambda.Json;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;

/** Our tracking request in AfterShip's fields, and AfterShip's tracking object as a {@link TrackedShipment}. */
public final class TrackingJson {

    private TrackingJson() {
    }

    /**
     * The create-tracking fields (reference §2.2) for {@code version}: order id and number, the customer's
     * name, destination country (ISO alpha-3), and phone and email only when the request carries them
     * (the shop's choice). The shop goes in {@code custom_fields} so webhooks can be routed back.
     */
    static ObjectNode createFields(TrackingRequest r, String slug, ApiVersion version) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("tracking_number", r.trackingNumber());
        if (slug != null) {
            n.put("slug", slug);
        }
        n.put("order_id", r.order().orderId());
        if (r.orderNumber() != null) {
            n.put("order_number", r.orderNumber());
        }
        n.putObject("custom_fields").put("doorstep_shop", r.shop());
        String iso3 = alpha3(r.destinationCountry());
        if (version.customersArray()) {
            if (iso3 != null) {
                n.put("destination_country_region", iso3);
            }
            if (r.customerName() != null || r.phone() != null || r.email() != null) {
                ObjectNode buyer = n.putArray("customers").addObject().put("role", "buyer");
                putIfPresent(buyer, "name", r.customerName());
                putIfPresent(buyer, "phone_number", r.phone());
                putIfPresent(buyer, "email", r.email());
            }
        } else {
            if (iso3 != null) {
                n.put("destination_country_iso3", iso3);
            }
            putIfPresent(n, "customer_name", r.customerName());
            if (r.phone() != null) {
                n.putArray("smses").add(r.phone());
            }
            if (r.email() != null) {
                n.putArray("emails").add(r.email());
            }
        }
        return n;
    }

    /** A tracking in AfterShip's wire shape (an API answer's, or a webhook's {@code msg}) as the domain sees it. */
    public static TrackedShipment shipment(JsonNode t) {
        List<Checkpoint> checkpoints = new ArrayList<>();
        for (JsonNode c : t.path("checkpoints")) {
            checkpoints.add(new Checkpoint(instant(c.path("checkpoint_time").asText(null)), c.path("tag").asText(null),
                    c.path("subtag").asText(null), c.path("message").asText(null)));
        }
        return new TrackedShipment(t.path("id").asText(), t.path("tracking_number").asText(null),
                t.path("slug").asText(null), blankToNull(t.path("order_id").asText(null)),
                DeliveryTag.fromWire(t.path("tag").asText(null)), t.path("subtag").asText(null),
                instant(t.path("shipment_delivery_date").asText(null)), instant(t.path("updated_at").asText(null)),
                checkpoints);
    }

    static List<TrackedShipment> shipments(ArrayNode trackings) {
        List<TrackedShipment> list = new ArrayList<>();
        trackings.forEach(t -> list.add(shipment(t)));
        return list;
    }

    /**
     * AfterShip's times come as {@code YYYY-MM-DD}, {@code YYYY-MM-DDTHH:mm:ss} (the recipient's local time,
     * zone not given) or with an offset (reference §5.3). Without a zone we read UTC: at most a few hours
     * off, which day-based timing tolerates. Unreadable values are null rather than an error.
     */
    static Instant instant(String value) {
        if (value == null || value.isBlank() || value.equals("null")) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            // fall through to the zone-less forms
        }
        try {
            return LocalDateTime.parse(value).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            // fall through
        }
        try {
            return LocalDate.parse(value).atStartOfDay().toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() || s.equals("null") ? null : s;
    }

    private static String alpha3(String alpha2) {
        if (alpha2 == null || alpha2.isBlank()) {
            return null;
        }
        try {
            return Locale.of("", alpha2.trim().toUpperCase(Locale.ROOT)).getISO3Country();
        } catch (MissingResourceException e) {
            return null;
        }
    }

    private static void putIfPresent(ObjectNode n, String field, String value) {
        if (value != null && !value.isBlank()) {
            n.put(field, value);
        }
    }
}
