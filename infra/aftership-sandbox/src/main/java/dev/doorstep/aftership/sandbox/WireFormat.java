package dev.doorstep.aftership.sandbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** AfterShip's JSON: the meta/data envelope, error metas, and a tracking in a given version's shape. */
final class WireFormat {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX")
            .withZone(ZoneOffset.UTC);

    private WireFormat() {
    }

    static String time(Instant at) {
        return at == null ? null : TIME.format(at.truncatedTo(ChronoUnit.SECONDS));
    }

    static ObjectNode envelope(int metaCode, Object data) {
        ObjectNode root = JSON.createObjectNode();
        root.putObject("meta").put("code", metaCode);
        root.set("data", data == null ? JSON.createObjectNode() : JSON.valueToTree(data));
        return root;
    }

    static ObjectNode error(int metaCode, String type, String message, Object data) {
        ObjectNode root = envelope(metaCode, data);
        ((ObjectNode) root.get("meta")).put("message", message).put("type", type);
        return root;
    }

    /** The tracking as {@code data} (2024-07+) or {@code data.tracking} (v4, 2024-04). */
    static ObjectNode data(ObjectNode tracking, ApiVersion version) {
        if (!version.wrapsBodies()) {
            return tracking;
        }
        ObjectNode wrapped = JSON.createObjectNode();
        wrapped.set("tracking", tracking);
        return wrapped;
    }

    static ObjectNode tracking(SandboxTracking t, ApiVersion version) {
        ObjectNode n = JSON.createObjectNode();
        n.put("id", t.id);
        n.put("tracking_number", t.trackingNumber);
        n.put("slug", t.slug);
        n.put("title", t.fields.path("title").asText(t.trackingNumber));
        copy(t, n, "order_id", "order_number", "order_date", "language");
        n.put("active", t.active());
        n.put("tag", t.tag);
        n.put("subtag", t.subtag);
        n.put("subtag_message", t.tag);
        n.put("shipment_delivery_date", time(t.deliveredAt));
        n.put("created_at", time(t.createdAt));
        n.put("updated_at", time(t.updatedAt));
        n.put("tracked_count", t.polls);
        if (version.customersArray()) {
            n.set("customers", t.fields.has("customers") ? t.fields.get("customers") : JSON.createArrayNode());
            copy(t, n, "destination_country_region");
        } else {
            copy(t, n, "customer_name", "destination_country_iso3");
            n.set("emails", t.fields.has("emails") ? t.fields.get("emails") : JSON.createArrayNode());
            n.set("smses", t.fields.has("smses") ? t.fields.get("smses") : JSON.createArrayNode());
        }
        n.set("custom_fields", t.fields.has("custom_fields") ? t.fields.get("custom_fields") : JSON.createObjectNode());
        ArrayNode checkpoints = n.putArray("checkpoints");
        for (SandboxTracking.Scan s : t.checkpoints) {
            checkpoints.addObject().put("slug", t.slug).put("tag", s.tag()).put("subtag", s.subtag())
                    .put("subtag_message", s.tag()).put("checkpoint_time", time(s.at()))
                    .put("created_at", time(s.at())).put("message", s.tag());
        }
        return n;
    }

    private static void copy(SandboxTracking t, ObjectNode to, String... names) {
        for (String name : names) {
            if (t.fields.hasNonNull(name)) {
                to.set(name, t.fields.get(name));
            }
        }
    }
}
