package dev.doorstep.aftership.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The AfterShip Tracking API subset, under {@code /v4/...} and {@code /tracking/YYYY-MM/...}. */
final class ApiRoutes implements HttpHandler {

    private static final Pattern PREFIX = Pattern.compile("^/(v4|tracking/(\\d{4}-\\d{2}))(/.*)$");
    private static final Pattern NUMBER = Pattern.compile("[A-Za-z0-9._/-]{4,100}");
    private static final Pattern SLUG = Pattern.compile("[a-z0-9-]{2,64}");

    private final AfterShipSandbox sandbox;

    ApiRoutes(AfterShipSandbox sandbox) {
        this.sandbox = sandbox;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String path = exchange.getRequestURI().getRawPath();
        String query = exchange.getRequestURI().getRawQuery();
        Matcher m = PREFIX.matcher(path);
        if (!m.matches()) {
            Reply.of(404, WireFormat.error(404, "NotFound", "The URI requested is invalid or the resource requested"
                    + " does not exist.", null)).send(exchange);
            return;
        }
        ApiVersion version = m.group(2) == null ? ApiVersion.V4 : new ApiVersion(m.group(2));
        Call call = new Call(exchange.getRequestMethod(), m.group(3), params(query), body, version,
                exchange.getRequestHeaders().getFirst("as-api-key"),
                exchange.getRequestHeaders().getFirst("aftership-api-key"));
        Reply reply;
        try {
            reply = answer(call);
        } catch (BadJson e) {
            reply = Reply.of(400, WireFormat.error(4001, "BadRequest", "Invalid JSON data.", null));
        }
        sandbox.record(call, path, query, reply.status());
        reply.send(exchange);
    }

    record Call(String method, String route, Map<String, String> params, String body, ApiVersion version,
            String asKey, String legacyKey) {

        String apiKey() {
            if (asKey != null) {
                return asKey;
            }
            return version.acceptsLegacyKeyHeader() ? legacyKey : null;
        }

        String keyHeader() {
            return asKey != null ? "as-api-key" : legacyKey != null ? "aftership-api-key" : null;
        }
    }

    private Reply answer(Call call) {
        Endpoint endpoint = endpoint(call);
        if (endpoint == null) {
            return Reply.of(404, WireFormat.error(404, "NotFound",
                    "The URI requested is invalid or the resource requested does not exist.", null));
        }
        String key = call.apiKey();
        if (key == null || key.isBlank() || key.toLowerCase().startsWith("invalid")) {
            return unauthorized();
        }
        String accountId = AfterShipSandbox.accountId(key);
        long delay;
        Reply early;
        synchronized (sandbox) {
            Account account = sandbox.account(accountId);
            if (account.keyInvalid) {
                return unauthorized();
            }
            Instant now = sandbox.now();
            Account.Window window = account.count(endpoint, call.version(), Instant.now());
            early = window.remaining() < 0 ? tooManyRequests() : null;
            if (early == null && !account.faults.isEmpty()) {
                early = fault(account.faults.removeFirst(), window);
            }
            delay = account.delayMillis;
            if (early == null) {
                early = perNumberFault(endpoint, call, now);
            }
            if (early != null) {
                return withLimits(early, window).delayed(delay);
            }
            Reply reply = switch (endpoint) {
                case CREATE_TRACKING -> create(call, account, accountId, now);
                case LIST_TRACKINGS -> list(call, accountId, now);
                case GET_TRACKING -> get(call, accountId, now);
                case DELETE_TRACKING -> delete(call, accountId);
                case DETECT_COURIER -> detect(call, account);
                case LIST_COURIERS -> couriers(account);
            };
            return withLimits(reply, window).delayed(delay + numberDelay(call));
        }
    }

    private static Reply withLimits(Reply reply, Account.Window w) {
        return reply.header("X-RateLimit-Limit", Integer.toString(w.limit()))
                .header("X-RateLimit-Remaining", Integer.toString(Math.max(0, w.remaining())))
                .header("X-RateLimit-Reset", reply.headers().getOrDefault("X-RateLimit-Reset", Long.toString(w.reset())));
    }

    private static Endpoint endpoint(Call call) {
        String r = call.route();
        return switch (call.method()) {
            case "POST" -> r.equals("/trackings") ? Endpoint.CREATE_TRACKING
                    : r.equals("/couriers/detect") ? Endpoint.DETECT_COURIER : null;
            case "GET" -> r.equals("/trackings") ? Endpoint.LIST_TRACKINGS
                    : r.startsWith("/trackings/") ? Endpoint.GET_TRACKING
                    : r.equals("/couriers") ? Endpoint.LIST_COURIERS : null;
            case "DELETE" -> r.matches("/trackings/[^/]+") ? Endpoint.DELETE_TRACKING : null;
            default -> null;
        };
    }

    private static Reply unauthorized() {
        return Reply.of(401, WireFormat.error(401, "Unauthorized", "Invalid API Key.", null));
    }

    private static Reply tooManyRequests() {
        return Reply.of(429, WireFormat.error(429, "TooManyRequests",
                "You have exceeded the API call rate limit. The default limit is 10 requests per second.", null));
    }

    private static Reply fault(int status, Account.Window w) {
        return status == 429 ? tooManyRequests() : Reply.of(status, WireFormat.error(status, "InternalError",
                "Something went wrong on AfterShip's end.", null));
    }

    /** The tracking number's own scripted 429s and 5xx on create. */
    private Reply perNumberFault(Endpoint endpoint, Call call, Instant now) {
        if (endpoint != Endpoint.CREATE_TRACKING) {
            return null;
        }
        JsonNode fields = fields(call);
        String number = fields.path("tracking_number").asText("");
        if (number.isEmpty()) {
            return null;
        }
        Script script = sandbox.scriptFor(number);
        int seen = sandbox.createAttempts.merge(number, 1, Integer::sum);
        if (seen <= script.rateLimited()) {
            return tooManyRequests().header("X-RateLimit-Reset", Long.toString(Instant.now().getEpochSecond() + 1));
        }
        if (seen <= script.rateLimited() + script.serverErrors()) {
            return Reply.of(503, WireFormat.error(503, "InternalError", "Something went wrong on AfterShip's end.", null));
        }
        return null;
    }

    private long numberDelay(Call call) {
        if (!call.method().equals("POST")) {
            return 0;
        }
        String number = fields(call).path("tracking_number").asText("");
        return number.isEmpty() ? 0 : sandbox.scriptFor(number).delayMillis();
    }

    private static JsonNode fields(Call call) {
        if (call.body() == null || call.body().isBlank()) {
            return WireFormat.JSON.createObjectNode();
        }
        try {
            JsonNode root = WireFormat.JSON.readTree(call.body());
            return call.version().wrapsBodies() ? root.path("tracking") : root;
        } catch (IOException e) {
            throw new BadJson();
        }
    }

    private Reply create(Call call, Account account, String accountId, Instant now) {
        JsonNode fields = fields(call);
        if (call.version().wrapsBodies() && !fields.isObject()) {
            return bad(4006, "`tracking` object is required.");
        }
        String number = fields.path("tracking_number").asText("");
        if (number.isEmpty()) {
            return bad(4007, "`tracking_number` is required.");
        }
        if (!NUMBER.matcher(number).matches()) {
            return bad(4017, "The format of `tracking_number` is invalid.");
        }
        Script script = sandbox.scriptFor(number);
        JsonNode slugField = fields.path("slug");
        String slug = slugField.isTextual() ? slugField.asText() : "";
        if (slugField.isArray() && !slugField.isEmpty()) {
            // v4 takes an array too: the couriers to detect among (AfterShip's legacy SDKs always send one).
            // Detection keeps to them, so the tracking is stored under one of them and found again by it.
            if (!call.version().legacy()) {
                return bad(4010, "The value of `slug` is invalid.");
            }
            List<String> among = new java.util.ArrayList<>();
            slugField.forEach(v -> among.add(v.asText("")));
            List<String> detected = detected(number, account);
            Optional<String> first = among.stream().filter(detected::contains).findFirst();
            if (first.isEmpty()) {
                return among.stream().anyMatch(a -> !SLUG.matcher(a).matches())
                        ? bad(4010, "The value of `slug` is invalid.")
                        : bad(4012, "Cannot detect courier. Activate courier at https://secure.aftership.com/settings/courier");
            }
            slug = first.get();
        }
        if (slug.isEmpty()) {
            List<String> detected = detected(number, account);
            if (detected.isEmpty()) {
                return bad(4012, "Unable to import shipment as we don't recognize the carrier from this tracking number.");
            }
            slug = detected.getFirst();
        }
        if (!SLUG.matcher(slug).matches()) {
            return bad(4010, "The value of `slug` is invalid.");
        }
        Reply scripted = switch (script.kind()) {
            case INVALID_NUMBER -> bad(4005, "The value of `tracking_number` is invalid.");
            case BAD_FORMAT -> bad(4012, "Unable to import shipment as the tracking number has an invalid format.");
            case COURIER_NOT_SUPPORTED -> bad(4012, "Unable to import shipment as this carrier is no longer supported.");
            case COURIER_NOT_ENABLED -> notApproved();
            case COURIER_UNRECOGNISED -> bad(4012,
                    "Unable to import shipment as we don't recognize the carrier from this tracking number.");
            case FIELDS_REQUIRED -> bad(4011, "Missing or invalid value of the required fields for this courier. "
                    + "Besides tracking_number, also required: tracking_postal_code");
            case QUOTA_EXHAUSTED -> quotaExhausted(now);
            default -> null;
        };
        if (scripted != null) {
            return scripted;
        }
        if (sandbox.unsupportedSlugs.contains(slug)) {
            return bad(4012, "Unable to import shipment as this carrier is no longer supported.");
        }
        if (account.couriers != null && !account.couriers.contains(slug)) {
            return notApproved();
        }
        for (SandboxTracking t : sandbox.trackings.values()) {
            if (t.accountId.equals(accountId) && t.slug.equals(slug) && t.trackingNumber.equals(number)) {
                ObjectNode data = WireFormat.JSON.createObjectNode();
                data.put("tracking_number", number).put("slug", slug);
                return Reply.of(400, WireFormat.error(4003, "BadRequest", "Tracking already exists.",
                        WireFormat.data(data, call.version())));
            }
        }
        if (account.quotaLeft == 0) {
            return quotaExhausted(now);
        }
        if (account.quotaLeft > 0) {
            account.quotaLeft--;
        }
        SandboxTracking t = new SandboxTracking(sandbox.newId(), accountId, number, slug,
                ((ObjectNode) fields).deepCopy(), script, now);
        sandbox.trackings.put(t.id, t);
        return Reply.of(201, WireFormat.envelope(201, WireFormat.data(WireFormat.tracking(t, call.version()),
                call.version())));
    }

    private static Reply bad(int code, String message) {
        return Reply.of(code == 4004 ? 404 : 400, WireFormat.error(code, "BadRequest", message, null));
    }

    private static Reply notApproved() {
        return bad(4012, "Unable to import shipment as the carrier is not on your approved list for carrier "
                + "auto-detection. Add the carrier here: https://admin.aftership.com/settings/couriers");
    }

    /**
     * AfterShip documents no quota code (reference §3, §12). The one observed answer is a 429 naming the
     * plan, with a reset far away; the sandbox answers that way so the client learns to tell it from a
     * per-second limit.
     */
    private static Reply quotaExhausted(Instant now) {
        long midnight = now.atOffset(ZoneOffset.UTC).toLocalDate().plusDays(1).atStartOfDay()
                .toEpochSecond(ZoneOffset.UTC);
        return Reply.of(429, WireFormat.error(429, "TooManyRequests", "You have exceeded the shipment quota of "
                + "your plan. Select a plan at https://admin.aftership.com/settings/billing to track more shipments.",
                null)).header("X-RateLimit-Reset", Long.toString(midnight));
    }

    private Reply list(Call call, String accountId, Instant now) {
        Map<String, String> p = call.params();
        boolean cursorPaging = call.version().cursorPaging();
        boolean firstPage = cursorPaging ? p.get("cursor") == null : p.getOrDefault("page", "1").equals("1");
        Set<String> numbers = p.containsKey("tracking_numbers")
                ? new HashSet<>(Arrays.asList(p.get("tracking_numbers").split(","))) : null;
        Set<String> slugs = p.containsKey("slug") ? new HashSet<>(Arrays.asList(p.get("slug").split(","))) : null;
        Instant min;
        Instant max;
        try {
            min = instant(p.get("updated_at_min"));
            max = instant(p.get("updated_at_max"));
        } catch (DateTimeParseException e) {
            if (call.version().customersArray()) {
                return bad(4008, "The value of `updated_at_min` or `updated_at_max` is invalid.");
            }
            min = null;
            max = null;
        }
        int limit;
        try {
            limit = Integer.parseInt(p.getOrDefault("limit", "100"));
        } catch (NumberFormatException e) {
            limit = -1;
        }
        if (limit < 1 || limit > 200) {
            return bad(4008, "The value of `limit` is invalid.");
        }
        // A poll: the first page of a list (not a lookup by number) moves every tracking of the account on.
        boolean poll = firstPage && numbers == null;
        List<SandboxTracking> matching = new ArrayList<>();
        for (SandboxTracking t : sandbox.trackings.values()) {
            if (!t.accountId.equals(accountId)) {
                continue;
            }
            sandbox.advance(t, now, poll);
            Instant updated = t.updatedAt.truncatedTo(ChronoUnit.SECONDS);
            if ((min == null || !updated.isBefore(min)) && (max == null || !updated.isAfter(max))
                    && (p.get("tag") == null || p.get("tag").equals(t.tag))
                    && (numbers == null || numbers.contains(t.trackingNumber))
                    && (slugs == null || slugs.contains(t.slug))) {
                matching.add(t);
            }
        }
        matching.sort(Comparator.comparing((SandboxTracking t) -> t.updatedAt).thenComparing(t -> t.id));
        int from;
        if (cursorPaging) {
            from = p.get("cursor") == null ? 0 : Integer.parseInt(new String(Base64.getUrlDecoder()
                    .decode(p.get("cursor")), StandardCharsets.UTF_8));
        } else {
            from = (Integer.parseInt(p.getOrDefault("page", "1")) - 1) * limit;
        }
        int to = Math.min(matching.size(), from + limit);
        ObjectNode data = WireFormat.JSON.createObjectNode();
        ArrayNode trackings = WireFormat.JSON.createArrayNode();
        for (SandboxTracking t : matching.subList(Math.min(from, to), to)) {
            trackings.add(WireFormat.tracking(t, call.version()));
        }
        if (cursorPaging) {
            boolean more = to < matching.size();
            data.putObject("pagination").put("total", matching.size())
                    .put("next_cursor", more ? Base64.getUrlEncoder().encodeToString(
                            Integer.toString(to).getBytes(StandardCharsets.UTF_8)) : null)
                    .put("has_next_page", more);
        } else {
            data.put("page", Integer.parseInt(p.getOrDefault("page", "1"))).put("limit", limit)
                    .put("count", matching.size());
        }
        data.set("trackings", trackings);
        return Reply.of(200, WireFormat.envelope(200, data));
    }

    private static Instant instant(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return OffsetDateTime.parse(value).toInstant();
    }

    private Reply get(Call call, String accountId, Instant now) {
        String[] parts = call.route().substring("/trackings/".length()).split("/");
        SandboxTracking found = null;
        if (parts.length == 1) {
            SandboxTracking t = sandbox.trackings.get(parts[0]);
            found = t != null && t.accountId.equals(accountId) ? t : null;
        } else if (parts.length == 2 && call.version().hasSlugNumberLookup()) {
            for (SandboxTracking t : sandbox.trackings.values()) {
                if (t.accountId.equals(accountId) && t.slug.equals(parts[0]) && t.trackingNumber.equals(parts[1])) {
                    found = t;
                }
            }
        } else {
            return Reply.of(404, WireFormat.error(404, "NotFound",
                    "The URI requested is invalid or the resource requested does not exist.", null));
        }
        if (found == null) {
            return bad(4004, "Tracking does not exist.");
        }
        sandbox.advance(found, now, true);
        return Reply.of(200, WireFormat.envelope(200, WireFormat.data(WireFormat.tracking(found, call.version()),
                call.version())));
    }

    /** DELETE /trackings/{id}: AfterShip answers with the deleted tracking; an unknown id is 4004. */
    private Reply delete(Call call, String accountId) {
        String id = call.route().substring("/trackings/".length());
        SandboxTracking found = sandbox.trackings.get(id);
        if (found == null || !found.accountId.equals(accountId)) {
            return bad(4004, "Tracking does not exist.");
        }
        sandbox.trackings.remove(id);
        return Reply.of(200, WireFormat.envelope(200, WireFormat.data(WireFormat.tracking(found, call.version()),
                call.version())));
    }

    private List<String> detected(String number, Account account) {
        String n = number.toUpperCase();
        if (n.contains("BADCOURIER") || n.contains("NOTADDED")) {
            return List.of();
        }
        return account.couriers != null ? List.copyOf(account.couriers) : List.copyOf(AfterShipSandbox.COURIERS.keySet());
    }

    private Reply detect(Call call, Account account) {
        String number = fields(call).path("tracking_number").asText("");
        if (number.isEmpty()) {
            return bad(4007, "`tracking_number` is required.");
        }
        return Reply.of(200, WireFormat.envelope(200, courierList(detected(number, account))));
    }

    private Reply couriers(Account account) {
        return Reply.of(200, WireFormat.envelope(200, courierList(account.couriers != null
                ? List.copyOf(account.couriers) : List.copyOf(AfterShipSandbox.COURIERS.keySet()))));
    }

    private static ObjectNode courierList(List<String> slugs) {
        ObjectNode data = WireFormat.JSON.createObjectNode();
        data.put("total", slugs.size());
        ArrayNode list = data.putArray("couriers");
        for (String slug : slugs) {
            list.addObject().put("slug", slug).put("name", AfterShipSandbox.COURIERS.getOrDefault(slug, slug));
        }
        return data;
    }

    static Map<String, String> params(String rawQuery) {
        Map<String, String> params = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return params;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.put(k, v);
        }
        return params;
    }

    private static final class BadJson extends RuntimeException {
    }
}
