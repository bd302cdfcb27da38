package dev.doorstep.shopify.standin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Shopify stand-in on loopback, speaking Shopify's wire format for what Doorstep uses:
 * <ul>
 *   <li>{@code POST /{shop}/admin/oauth/access_token}: the token-exchange grant. The subject token must be
 *   a session token signed with the app's secret for the app's client id and this shop; the client
 *   credentials must match. Answers {@code {"access_token":"shpat_...","scope":...}} or Shopify's OAuth
 *   errors ({@code 400 invalid_subject_token}, {@code 401 invalid_client}).</li>
 *   <li>{@code POST /{shop}/admin/api/{version}/graphql.json}: the {@code shop} query, with
 *   {@code X-Shopify-Access-Token}; {@code 401} for an unknown token, {@code 404} for an unsupported version,
 *   cost-based {@code THROTTLED} errors with {@code extensions.cost} when told to throttle. Also
 *   {@code nodes(ids:)} for products and {@code orders(first:, after:, query:)} over the seeded orders
 *   ({@link #putOrder}), filtered by {@code fulfillment_status:shipped} and {@code updated_at:>=} /
 *   {@code created_at:>=}, paged by cursor.</li>
 *   <li>{@code GET /_standin/session-token?shop=...}: a signed session token, as App Bridge would hand the
 *   app's page (the local runtime's "open the app").</li>
 * </ul>
 * The admin base URL to configure is {@link #adminBaseUrl()} ({@code http://127.0.0.1:port/{shop}}).
 */
public final class ShopifyStandIn implements AutoCloseable {

    public static final String LOCAL_CLIENT_ID = "doorstep-local-client-id";
    public static final String LOCAL_CLIENT_SECRET = "doorstep-local-shopify-secret";
    public static final Set<String> SUPPORTED_VERSIONS = Set.of("2025-10", "2026-01", "2026-04", "2026-07", "2026-10");
    static final String SCOPES = "read_orders,read_fulfillments";
    static final double MAX_AVAILABLE = 2000;
    static final double RESTORE_RATE = 100;
    static final int SHOP_QUERY_COST = 1;

    private static final Pattern TOKEN_PATH = Pattern.compile("^/([a-z0-9][a-z0-9-]*\\.myshopify\\.com)/admin/oauth/access_token$");
    private static final Pattern GRAPHQL_PATH =
            Pattern.compile("^/([a-z0-9][a-z0-9-]*\\.myshopify\\.com)/admin/api/([^/]+)/graphql\\.json$");

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final SecureRandom random = new SecureRandom();
    private final String clientId;
    private final String clientSecret;

    // state, guarded by "this"
    private final Map<String, StandInShop> shops = new HashMap<>();
    private final Map<String, String> tokens = new HashMap<>(); // access token -> shop
    private final Map<String, Map<String, StandInProduct>> products = new HashMap<>(); // shop -> id -> product
    private final Map<String, Map<String, StandInOrder>> orders = new HashMap<>(); // shop -> id -> order
    private final List<String> requests = new ArrayList<>();
    private int throttleNext;
    private boolean refuseExchanges;

    private ShopifyStandIn(int port, String clientId, String clientSecret) throws IOException {
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    public static ShopifyStandIn start() {
        return start(0, LOCAL_CLIENT_ID, LOCAL_CLIENT_SECRET);
    }

    public static ShopifyStandIn start(int port, String clientId, String clientSecret) {
        try {
            return new ShopifyStandIn(port, clientId, clientSecret);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the Shopify stand-in on port " + port, e);
        }
    }

    /** Standalone: {@code java ... ShopifyStandIn [port]} (default 4481), the local client id and secret. */
    public static void main(String[] args) throws InterruptedException {
        ShopifyStandIn standIn = start(args.length > 0 ? Integer.parseInt(args[0]) : 4481, LOCAL_CLIENT_ID,
                LOCAL_CLIENT_SECRET);
        System.out.println("Shopify stand-in on " + standIn.baseUrl() + " (SHOPIFY_ADMIN_BASE_URL="
                + standIn.adminBaseUrl() + ")");
        Thread.currentThread().join();
    }

    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** What {@code SHOPIFY_ADMIN_BASE_URL} should be. */
    public String adminBaseUrl() {
        return baseUrl() + "/{shop}";
    }

    public String clientId() {
        return clientId;
    }

    public String clientSecret() {
        return clientSecret;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    // ---- control ----

    /** Describes (or re-describes) a shop: what its {@code shop} query answers from now on. */
    public synchronized void putShop(StandInShop shop) {
        shops.put(shop.domain(), shop);
    }

    public synchronized StandInShop shop(String domain) {
        return shops.computeIfAbsent(domain, StandInShop::madeUp);
    }

    /** Adds a product to a shop's catalogue (what {@code nodes(ids:)} answers for its gid). */
    public synchronized void putProduct(String shop, StandInProduct product) {
        products.computeIfAbsent(shop, s -> new HashMap<>()).put(product.id(), product);
    }

    /** Adds (or replaces) an order of a shop: what {@code orders(query:)} answers. */
    public synchronized void putOrder(String shop, StandInOrder order) {
        orders.computeIfAbsent(shop, s -> new java.util.TreeMap<>()).put(order.id(), order);
    }

    /** The next {@code count} GraphQL queries are answered {@code THROTTLED} (an empty bucket). */
    public synchronized void throttleNext(int count) {
        throttleNext = count;
    }

    /** While set, every token exchange is refused as {@code invalid_subject_token} (a revoked app). */
    public synchronized void refuseExchanges(boolean refuse) {
        refuseExchanges = refuse;
    }

    /** A session token for {@code shop}, signed as Shopify would sign it for this app. */
    public String sessionToken(String shop) {
        return SessionTokens.issue(shop, clientId, clientSecret);
    }

    /** "POST /path" of each API request so far (never a body or a token). */
    public synchronized List<String> requests() {
        return List.copyOf(requests);
    }

    public synchronized void reset() {
        shops.clear();
        tokens.clear();
        products.clear();
        orders.clear();
        requests.clear();
        throttleNext = 0;
        refuseExchanges = false;
    }

    // ---- wire ----

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            if (path.equals("/_standin/session-token") && method.equals("GET")) {
                String shop = query(exchange).get("shop");
                if (shop == null || !shop.endsWith(".myshopify.com")) {
                    reply(exchange, 400, SessionTokens.JSON.createObjectNode().put("error", "shop is required"));
                    return;
                }
                shop(shop);
                reply(exchange, 200, SessionTokens.JSON.createObjectNode().put("shop", shop)
                        .put("sessionToken", sessionToken(shop)));
                return;
            }
            synchronized (this) {
                requests.add(method + " " + path);
            }
            Matcher token = TOKEN_PATH.matcher(path);
            Matcher graphql = GRAPHQL_PATH.matcher(path);
            if (method.equals("POST") && token.matches()) {
                exchangeToken(exchange, token.group(1));
            } else if (method.equals("POST") && graphql.matches()) {
                graphql(exchange, graphql.group(1), graphql.group(2));
            } else {
                reply(exchange, 404, SessionTokens.JSON.createObjectNode().put("errors", "Not Found"));
            }
        }
    }

    private void exchangeToken(HttpExchange exchange, String shop) throws IOException {
        JsonNode body = body(exchange);
        if (!clientId.equals(body.path("client_id").asText()) || !clientSecret.equals(body.path("client_secret").asText())) {
            reply(exchange, 401, error("invalid_client", "Client authentication failed"));
            return;
        }
        if (!"urn:ietf:params:oauth:grant-type:token-exchange".equals(body.path("grant_type").asText())
                || !"urn:ietf:params:oauth:token-type:id_token".equals(body.path("subject_token_type").asText())) {
            reply(exchange, 400, error("unsupported_grant_type", "Unsupported grant or subject token type"));
            return;
        }
        Map<String, Object> claims = SessionTokens.verify(body.path("subject_token").asText(null), clientId,
                clientSecret, Instant.now());
        synchronized (this) {
            if (claims == null || refuseExchanges || !("https://" + shop).equals(claims.get("dest"))) {
                reply(exchange, 400, error("invalid_subject_token", "Subject token is invalid or expired"));
                return;
            }
            shop(shop);
            boolean offline = "urn:shopify:params:oauth:token-type:offline-access-token"
                    .equals(body.path("requested_token_type").asText());
            String accessToken = (offline ? "shpat_" : "shpua_") + HexFormat.of().formatHex(random.generateSeed(16));
            tokens.put(accessToken, shop);
            reply(exchange, 200, SessionTokens.JSON.createObjectNode().put("access_token", accessToken)
                    .put("scope", SCOPES));
        }
    }

    private void graphql(HttpExchange exchange, String shop, String version) throws IOException {
        if (!SUPPORTED_VERSIONS.contains(version)) {
            reply(exchange, 404, SessionTokens.JSON.createObjectNode().put("errors", "Not Found"));
            return;
        }
        String accessToken = exchange.getRequestHeaders().getFirst("X-Shopify-Access-Token");
        JsonNode request = body(exchange);
        String query = request.path("query").asText("");
        ObjectNode answer = SessionTokens.JSON.createObjectNode();
        synchronized (this) {
            if (accessToken == null || !shop.equals(tokens.get(accessToken))) {
                reply(exchange, 401, SessionTokens.JSON.createObjectNode().put("errors",
                        "[API] Invalid API key or access token (unrecognized login or wrong password)"));
                return;
            }
            if (throttleNext > 0) {
                throttleNext--;
                answer.putArray("errors").addObject().put("message", "Throttled")
                        .putObject("extensions").put("code", "THROTTLED")
                        .put("documentation", "https://shopify.dev/api/usage/limits#rate-limits");
                cost(answer, SHOP_QUERY_COST, null, 0);
                reply(exchange, 200, answer);
                return;
            }
            if (query.contains("nodes(")) {
                // Shopify answers null for an id it does not know, in the order asked
                var nodes = answer.putObject("data").putArray("nodes");
                Map<String, StandInProduct> catalogue = products.getOrDefault(shop, Map.of());
                for (JsonNode gid : request.path("variables").path("ids")) {
                    StandInProduct p = catalogue.get(gid.asText().replace("gid://shopify/Product/", ""));
                    if (p == null) {
                        nodes.addNull();
                        continue;
                    }
                    ObjectNode node = nodes.addObject().put("id", "gid://shopify/Product/" + p.id())
                            .put("handle", p.handle()).put("onlineStoreUrl", p.onlineStoreUrl());
                    if (p.imageUrl() == null) {
                        node.putNull("featuredMedia");
                    } else {
                        node.putObject("featuredMedia").putObject("preview").putObject("image").put("url", p.imageUrl());
                    }
                }
                int cost = 1 + request.path("variables").path("ids").size();
                cost(answer, cost, cost, MAX_AVAILABLE - cost);
                reply(exchange, 200, answer);
                return;
            }
            if (query.contains("orders(")) {
                StandInOrders.answer(answer, orders.getOrDefault(shop, Map.of()).values(), request.path("variables"));
                int cost = 2 + answer.path("data").path("orders").path("nodes").size();
                cost(answer, cost, cost, MAX_AVAILABLE - cost);
                reply(exchange, 200, answer);
                return;
            }
            if (!query.contains("shop")) {
                answer.putArray("errors").addObject().put("message", "Field must be selected: the stand-in answers"
                        + " only the shop and nodes(ids:) queries");
                reply(exchange, 200, answer);
                return;
            }
            StandInShop s = shop(shop);
            ObjectNode node = answer.putObject("data").putObject("shop");
            node.put("name", s.name()).put("email", s.email()).put("contactEmail", s.contactEmail())
                    .put("ianaTimezone", s.ianaTimezone()).putObject("billingAddress")
                    .put("countryCodeV2", s.countryCode());
            cost(answer, SHOP_QUERY_COST, SHOP_QUERY_COST, MAX_AVAILABLE - SHOP_QUERY_COST);
        }
        reply(exchange, 200, answer);
    }

    /** Shopify's {@code extensions.cost}: what the query asked, cost, and the bucket after it. */
    private static void cost(ObjectNode answer, int requested, Integer actual, double available) {
        ObjectNode cost = answer.putObject("extensions").putObject("cost");
        cost.put("requestedQueryCost", requested);
        if (actual == null) {
            cost.putNull("actualQueryCost");
        } else {
            cost.put("actualQueryCost", actual);
        }
        cost.putObject("throttleStatus").put("maximumAvailable", MAX_AVAILABLE).put("currentlyAvailable", available)
                .put("restoreRate", RESTORE_RATE);
    }

    private static ObjectNode error(String error, String description) {
        return SessionTokens.JSON.createObjectNode().put("error", error).put("error_description", description);
    }

    private static JsonNode body(HttpExchange exchange) throws IOException {
        byte[] bytes = exchange.getRequestBody().readAllBytes();
        try {
            JsonNode node = SessionTokens.JSON.readTree(bytes);
            return node == null ? SessionTokens.JSON.createObjectNode() : node;
        } catch (IOException e) {
            return SessionTokens.JSON.createObjectNode();
        }
    }

    private static Map<String, String> query(HttpExchange exchange) {
        Map<String, String> params = new HashMap<>();
        String raw = exchange.getRequestURI().getRawQuery();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    params.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return params;
    }

    private static void reply(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("content-type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
