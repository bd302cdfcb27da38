package dev.doorstep.aftership;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.doorstep.core.port.Page;
import dev.doorstep.core.tracking.TrackedShipment;
import dev.doorstep.core.tracking.TrackingCreated;
import dev.doorstep.core.tracking.TrackingFailure;
import dev.doorstep.core.tracking.TrackingQuery;
import dev.doorstep.core.tracking.TrackingRequest;
import dev.doorstep.core.tracking.TrackingService;
import dev.doorstep.core.tracking.TrackingServiceException;
import dev.doorstep.lambda.JsonLog;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The {@link TrackingService} port on AfterShip: finds the shop's key, maps Shopify's carrier to a
 * slug (or asks AfterShip to detect it), creates the tracking, and takes an existing one on 4003.
 */
public final class AfterShipTrackingService implements TrackingService {

    /** AfterShip's maximum page size for GET /trackings. */
    public static final int PAGE_SIZE = 200;
    private static final JsonLog LOG = JsonLog.of(AfterShipTrackingService.class);

    private final AfterShipClient client;
    private final ApiKeys keys;
    private final CarrierSlugs slugs;

    public AfterShipTrackingService(AfterShipClient client, ApiKeys keys, CarrierSlugs slugs) {
        this.client = client;
        this.keys = keys;
        this.slugs = slugs;
    }

    @Override
    public TrackingCreated create(TrackingRequest request) {
        Optional<ApiKey> key = keys.forShop(request.shop());
        if (key.isEmpty()) {
            return new TrackingCreated.Failed(TrackingFailure.NO_API_KEY, null);
        }
        String slug = slugs.slugFor(request.carrier()).orElse(null);
        if (slug == null) {
            AfterShipResponse detected = client.detectCourier(key.get(), request.trackingNumber());
            if (!detected.ok()) {
                return failed(request, key.get(), detected);
            }
            slug = pick(detected.data().path("couriers"), request.carrier());
            if (slug == null) {
                return new TrackingCreated.Failed(TrackingFailure.INVALID_COURIER, "carrier '" + request.carrier()
                        + "' is unknown and AfterShip detected no courier for the number among the account's couriers");
            }
        }
        AfterShipResponse created = client.createTracking(key.get(),
                TrackingJson.createFields(request, slug, client.version()));
        if (created.ok()) {
            JsonNode t = client.trackingOf(created);
            return new TrackingCreated.Tracked(t.path("id").asText(), t.path("slug").asText(slug), false);
        }
        if (created.metaCode() == 4003) {
            return existing(request, key.get(), slug);
        }
        return failed(request, key.get(), created);
    }

    /** 4003: AfterShip already tracks this courier and number; its answer has no id, so look it up. */
    private TrackingCreated existing(TrackingRequest request, ApiKey key, String slug) {
        AfterShipResponse found = client.findTracking(key, slug, request.trackingNumber());
        if (!found.ok()) {
            return failed(request, key, found);
        }
        JsonNode t = found.data().has("trackings") ? found.data().path("trackings").path(0) : client.trackingOf(found);
        if (!t.hasNonNull("id")) {
            return new TrackingCreated.Failed(TrackingFailure.UNAVAILABLE, "tracking exists but could not be found");
        }
        LOG.info("AfterShip already tracked the number; using that tracking",
                Map.of("shop", request.shop(), "orderId", request.order().orderId()));
        return new TrackingCreated.Tracked(t.get("id").asText(), slug, true);
    }

    private TrackingCreated failed(TrackingRequest request, ApiKey key, AfterShipResponse r) {
        TrackingFailure reason = FailureClassifier.classify(r);
        if (reason == TrackingFailure.INVALID_API_KEY) {
            keys.rejected(request.shop());
        }
        LOG.warn("AfterShip did not create the tracking", Map.of("shop", request.shop(),
                "orderId", request.order().orderId(), "reason", reason.name(), "status", r.status(),
                "metaCode", r.metaCode()));
        return new TrackingCreated.Failed(reason, r.message());
    }

    /** The detected courier whose name matches Shopify's carrier name, else the first candidate. */
    private static String pick(JsonNode couriers, String carrier) {
        String wanted = carrier == null ? "" : carrier.toLowerCase(Locale.ROOT);
        String first = null;
        for (JsonNode c : couriers) {
            String slug = c.path("slug").asText(null);
            if (first == null) {
                first = slug;
            }
            String name = c.path("name").asText("").toLowerCase(Locale.ROOT);
            String other = c.path("other_name").asText("").toLowerCase(Locale.ROOT);
            if (!wanted.isEmpty() && (name.contains(wanted) || wanted.contains(name) || other.contains(wanted))) {
                return slug;
            }
        }
        return first;
    }

    @Override
    public Page<TrackedShipment> changed(String shop, TrackingQuery query) {
        ApiKey key = keys.forShop(shop).orElseThrow(() -> new TrackingServiceException(TrackingFailure.NO_API_KEY, shop));
        AfterShipResponse r = client.listTrackings(key, query.updatedSince(), query.updatedUntil(),
                query.tag() == null ? null : query.tag().wire(), query.cursor(), PAGE_SIZE);
        if (!r.ok()) {
            throw readFailure(shop, key, r);
        }
        JsonNode data = r.data();
        List<TrackedShipment> items = data.path("trackings") instanceof ArrayNode a
                ? TrackingJson.shipments(a) : new ArrayList<>();
        return new Page<>(items, nextCursor(data));
    }

    private String nextCursor(JsonNode data) {
        if (client.version().cursorPaging()) {
            JsonNode p = data.path("pagination");
            String next = p.path("next_cursor").asText(null);
            return p.path("has_next_page").asBoolean(false) && next != null && !next.isBlank() ? next : null;
        }
        int page = data.path("page").asInt(1);
        int limit = data.path("limit").asInt(PAGE_SIZE);
        int count = data.path("count").asInt(0);
        return (long) page * limit < count ? Integer.toString(page + 1) : null;
    }

    @Override
    public Optional<TrackedShipment> find(String shop, String trackingId) {
        ApiKey key = keys.forShop(shop).orElseThrow(() -> new TrackingServiceException(TrackingFailure.NO_API_KEY, shop));
        AfterShipResponse r = client.getTracking(key, trackingId);
        if (r.metaCode() == 4004 || r.status() == 404) {
            return Optional.empty();
        }
        if (!r.ok()) {
            throw readFailure(shop, key, r);
        }
        return Optional.of(TrackingJson.shipment(client.trackingOf(r)));
    }

    private TrackingServiceException readFailure(String shop, ApiKey key, AfterShipResponse r) {
        TrackingFailure reason = FailureClassifier.classify(r);
        if (reason == TrackingFailure.INVALID_API_KEY) {
            keys.rejected(shop);
        }
        return new TrackingServiceException(reason, "HTTP " + r.status() + ", meta code " + r.metaCode());
    }
}
