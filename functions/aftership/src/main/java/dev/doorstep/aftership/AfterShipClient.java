package dev.doorstep.aftership;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.doorstep.lambda.Json;
import dev.doorstep.lambda.JsonLog;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * AfterShip's Tracking API over {@code java.net.http} (no vendor SDK): one call per method, in the
 * configured version's wire shape, with the account's rate limits kept, 429s waited out until
 * {@code X-RateLimit-Reset}, and 5xx/timeouts retried with bounded exponential backoff and jitter.
 * Answers come back as they are ({@link AfterShipResponse}); {@link FailureClassifier} reads errors.
 */
public final class AfterShipClient {

    private static final JsonLog LOG = JsonLog.of(AfterShipClient.class);

    private final AfterShipConfig config;
    private final HttpClient http;
    private final AccountRateLimiter limiter = new AccountRateLimiter();

    /** @param config its base URL was checked when it was made: https, or http to localhost only */
    public AfterShipClient(AfterShipConfig config) {
        this.config = config;
        // Never follow a redirect: the API key header would go along to wherever it points.
        this.http = HttpClient.newBuilder().connectTimeout(config.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    public ApiVersion version() {
        return config.version();
    }

    /** POST /trackings with the tracking's fields (wrapped in {@code tracking} where the version wants it). */
    public AfterShipResponse createTracking(ApiKey key, ObjectNode tracking) {
        return call(key, Endpoint.CREATE_TRACKING, "POST", "/trackings", Map.of(), wrap(tracking));
    }

    /** GET /trackings/{id}. */
    public AfterShipResponse getTracking(ApiKey key, String trackingId) {
        return call(key, Endpoint.GET_TRACKING, "GET", "/trackings/" + encode(trackingId), Map.of(), null);
    }

    /** DELETE /trackings/{id}: the tracking and what it holds (the customer's name, email, phone) go. */
    public AfterShipResponse deleteTracking(ApiKey key, String trackingId) {
        return call(key, Endpoint.DELETE_TRACKING, "DELETE", "/trackings/" + encode(trackingId), Map.of(), null);
    }

    /** The tracking of one courier and number: GET /trackings/{slug}/{number} up to 2024-07, a filtered list after. */
    public AfterShipResponse findTracking(ApiKey key, String slug, String trackingNumber) {
        if (config.version().slugNumberLookup()) {
            return call(key, Endpoint.GET_TRACKING, "GET", "/trackings/" + encode(slug) + "/" + encode(trackingNumber),
                    Map.of(), null);
        }
        return call(key, Endpoint.LIST_TRACKINGS, "GET", "/trackings",
                Map.of("tracking_numbers", trackingNumber, "slug", slug), null);
    }

    /**
     * GET /trackings filtered by update time and tag, one page.
     *
     * @param cursor the version's paging token: a {@code cursor} from 2024-10, a page number before; null first
     */
    public AfterShipResponse listTrackings(ApiKey key, Instant updatedMin, Instant updatedMax, String tag,
            String cursor, int limit) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("updated_at_min", updatedMin.toString());
        if (updatedMax != null) {
            params.put("updated_at_max", updatedMax.toString());
        }
        if (tag != null) {
            params.put("tag", tag);
        }
        params.put("limit", Integer.toString(limit));
        if (cursor != null) {
            params.put(config.version().cursorPaging() ? "cursor" : "page", cursor);
        }
        return call(key, Endpoint.LIST_TRACKINGS, "GET", "/trackings", params, null);
    }

    /** GET /couriers: the couriers activated on the account. */
    public AfterShipResponse listCouriers(ApiKey key) {
        return call(key, Endpoint.LIST_COURIERS, "GET", "/couriers", Map.of(), null);
    }

    /** POST /couriers/detect: candidate couriers (among the activated ones) for a number. */
    public AfterShipResponse detectCourier(ApiKey key, String trackingNumber) {
        ObjectNode body = Json.MAPPER.createObjectNode().put("tracking_number", trackingNumber);
        return call(key, Endpoint.DETECT_COURIER, "POST", "/couriers/detect", Map.of(), wrap(body));
    }

    /** The tracking object of a create/get answer: {@code data.tracking} (v4, 2024-04) or {@code data}. */
    public JsonNode trackingOf(AfterShipResponse response) {
        JsonNode data = response.data();
        return data.has("tracking") && data.get("tracking").isObject() ? data.get("tracking") : data;
    }

    private ObjectNode wrap(ObjectNode body) {
        if (!config.version().wrapsBodies()) {
            return body;
        }
        ObjectNode wrapped = Json.MAPPER.createObjectNode();
        wrapped.set("tracking", body);
        return wrapped;
    }

    private AfterShipResponse call(ApiKey key, Endpoint endpoint, String method, String path,
            Map<String, String> params, ObjectNode body) {
        ApiVersion v = config.version();
        URI uri = URI.create(config.baseUrl().toString().replaceAll("/+$", "") + v.pathPrefix() + path
                + query(params));
        String payload = body == null ? null : body.toString();
        int failures = 0;
        int rateLimited = 0;
        try {
            while (true) {
                limiter.acquire(key, endpoint, v);
                AfterShipResponse r = exchange(key, method, uri, payload, endpoint);
                boolean rateLimit = r.status() == 429
                        && FailureClassifier.classify(r) != dev.doorstep.core.tracking.TrackingFailure.PLAN_LIMIT;
                if (rateLimit) {
                    // A 429 means none left whatever X-RateLimit-Remaining says: every caller of this
                    // account in the container waits for the reset, not only this call.
                    limiter.observe(key, endpoint, v, null, 0, r.rateLimitReset());
                }
                if (rateLimit && rateLimited < config.rateLimitRetries()) {
                    long waitMillis = untilReset(r);
                    if (waitMillis <= config.longestRateLimitWait().toMillis()) {
                        rateLimited++;
                        LOG.warn("AfterShip rate limit reached; waiting for the reset",
                                Map.of("account", key.id(), "endpoint", endpoint.name(), "waitMillis", waitMillis));
                        Thread.sleep(waitMillis);
                        continue;
                    }
                }
                if (r.retryable() && ++failures < config.attempts()) {
                    long backoff = backoff(failures);
                    LOG.warn("AfterShip did not answer well; backing off",
                            Map.of("account", key.id(), "endpoint", endpoint.name(), "status", r.status(),
                                    "attempt", failures, "backoffMillis", backoff));
                    Thread.sleep(backoff);
                    continue;
                }
                return r;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return AfterShipResponse.noAnswer("interrupted");
        }
    }

    private AfterShipResponse exchange(ApiKey key, String method, URI uri, String payload, Endpoint endpoint)
            throws InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(config.requestTimeout())
                .header(config.version().keyHeader(), key.value())
                .header("content-type", "application/json")
                .header("request-id", UUID.randomUUID().toString())
                .header("aftership-client", "doorstep");
        request.method(method, payload == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(payload, StandardCharsets.UTF_8));
        HttpResponse<byte[]> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            // the exception type only: messages may carry the URL, never the key, but stay terse anyway
            return AfterShipResponse.noAnswer(e.getClass().getSimpleName());
        }
        if (response.statusCode() >= 300 && response.statusCode() < 400) {
            LOG.warn("AfterShip answered with a redirect; not followed (the API key would go along)",
                    Map.of("endpoint", endpoint.name(), "status", response.statusCode()));
        }
        Integer limit = header(response, "x-ratelimit-limit").map(Integer::valueOf).orElse(null);
        Integer remaining = header(response, "x-ratelimit-remaining").map(Integer::valueOf).orElse(null);
        Long reset = header(response, "x-ratelimit-reset").map(Long::valueOf).orElse(null);
        limiter.observe(key, endpoint, config.version(), limit, remaining, reset);
        JsonNode root;
        try {
            root = response.body().length == 0 ? MissingNode.getInstance() : Json.MAPPER.readTree(response.body());
        } catch (IOException e) {
            root = MissingNode.getInstance();
        }
        JsonNode meta = root.path("meta");
        return new AfterShipResponse(response.statusCode(), meta.path("code").asInt(response.statusCode()),
                meta.path("message").asText(null), root.path("data"), reset);
    }

    private static Optional<String> header(HttpResponse<?> response, String name) {
        return response.headers().firstValue(name).filter(s -> s.matches("-?\\d+"));
    }

    private static long untilReset(AfterShipResponse r) {
        if (r.rateLimitReset() == null) {
            return 1000;
        }
        return Math.max(50, r.rateLimitReset() * 1000 - System.currentTimeMillis() + 20);
    }

    /** Jitter: a random wait between half and all of min(cap, base * 2^(n-1)), so retries spread out. */
    private long backoff(int failure) {
        long ceiling = Math.min(config.backoffCap().toMillis(), config.backoffBase().toMillis() << (failure - 1));
        return ThreadLocalRandom.current().nextLong(ceiling / 2, ceiling + 1);
    }

    private static String query(Map<String, String> params) {
        if (params.isEmpty()) {
            return "";
        }
        StringJoiner q = new StringJoiner("&", "?", "");
        params.forEach((k, v) -> q.add(encode(k) + "=" + encode(v)));
        return q.toString();
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
