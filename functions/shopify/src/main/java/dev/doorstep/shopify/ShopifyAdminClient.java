package dev.doorstep.shopify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.doorstep.core.model.ShopFacts;
import dev.doorstep.core.shopify.ShopifyAdmin;
import dev.doorstep.core.shopify.ShopifyRefusedException;
import dev.doorstep.core.shopify.ShopifyUnavailableException;
import dev.doorstep.lambda.Json;
import dev.doorstep.core.sending.ProductPage;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;

/**
 * Shopify over HTTPS: the token-exchange grant ({@code POST /admin/oauth/access_token}) and the Admin
 * GraphQL API ({@code POST /admin/api/<version>/graphql.json}). A {@code THROTTLED} answer is retried
 * after the wait its {@code extensions.cost.throttleStatus} implies; 401/402/403/404/423 are refusals;
 * 429, 5xx and network errors are "unavailable".
 */
public final class ShopifyAdminClient implements ShopifyAdmin {

    static final String TOKEN_EXCHANGE = "urn:ietf:params:oauth:grant-type:token-exchange";
    static final String ID_TOKEN = "urn:ietf:params:oauth:token-type:id_token";
    static final String OFFLINE_TOKEN = "urn:shopify:params:oauth:token-type:offline-access-token";
    static final String SHOP_QUERY = "query DoorstepShopFacts { shop { name contactEmail email ianaTimezone "
            + "billingAddress { countryCodeV2 } } }";
    static final String PRODUCTS_QUERY = "query DoorstepProducts($ids: [ID!]!) { nodes(ids: $ids) { ... on Product "
            + "{ id handle onlineStoreUrl featuredMedia { preview { image { url } } } } } }";
    private static final String PRODUCT_GID = "gid://shopify/Product/";
    private static final Duration MAX_THROTTLE_WAIT = Duration.ofSeconds(2);

    private final ShopifyConfig config;
    private final HttpClient http;
    private final Clock clock;

    public ShopifyAdminClient(ShopifyConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(config.timeout()).build();
    }

    @Override
    public String exchangeForOfflineToken(String shop, String sessionToken) {
        ObjectNode body = Json.MAPPER.createObjectNode()
                .put("client_id", config.clientId())
                .put("client_secret", config.clientSecret())
                .put("grant_type", TOKEN_EXCHANGE)
                .put("subject_token", sessionToken)
                .put("subject_token_type", ID_TOKEN)
                .put("requested_token_type", OFFLINE_TOKEN);
        HttpResponse<String> response = post(config.admin(shop, "/admin/oauth/access_token"), body, null);
        int status = response.statusCode();
        if (status == 400 || status == 401 || status == 403 || status == 404) {
            throw new ShopifyRefusedException("token exchange refused (" + status + " "
                    + json(response).path("error").asText("") + ")");
        }
        if (status != 200) {
            throw new ShopifyUnavailableException("token exchange answered " + status, null);
        }
        String token = json(response).path("access_token").asText("");
        if (token.isBlank()) {
            throw new ShopifyUnavailableException("token exchange answered without an access token", null);
        }
        return token;
    }

    @Override
    public ShopFacts shopFacts(String shop, String accessToken) {
        JsonNode data = query(shop, accessToken, SHOP_QUERY).path("shop");
        String contact = data.path("contactEmail").asText(null);
        return new ShopFacts(data.path("name").asText(null),
                contact == null || contact.isBlank() ? data.path("email").asText(null) : contact,
                ShopFacts.zone(data.path("ianaTimezone").asText(null)),
                data.path("billingAddress").path("countryCodeV2").asText(null), clock.instant());
    }

    /**
     * The storefront pages of products, by numeric id: {@code onlineStoreUrl} when the product is published
     * on the Online Store, else {@code https://{shop}/products/{handle}}; products Shopify does not know are
     * left out (it answers {@code null} nodes for them).
     */
    public Map<String, ProductPage> productPages(String shop, String accessToken, List<String> productIds) {
        ObjectNode variables = Json.MAPPER.createObjectNode();
        var ids = variables.putArray("ids");
        productIds.stream().filter(id -> id.matches("\\d+")).forEach(id -> ids.add(PRODUCT_GID + id));
        if (ids.isEmpty()) {
            return Map.of();
        }
        Map<String, ProductPage> pages = new LinkedHashMap<>();
        for (JsonNode node : query(shop, accessToken, PRODUCTS_QUERY, variables).path("nodes")) {
            String gid = node.path("id").asText("");
            String handle = node.path("handle").asText("");
            if (!gid.startsWith(PRODUCT_GID) || handle.isBlank()) {
                continue;
            }
            String storeUrl = node.path("onlineStoreUrl").asText("");
            URI url = storeUrl.isBlank() ? URI.create("https://" + shop + "/products/"
                    + URLEncoder.encode(handle, StandardCharsets.UTF_8)) : URI.create(storeUrl);
            String image = node.path("featuredMedia").path("preview").path("image").path("url").asText("");
            String id = gid.substring(PRODUCT_GID.length());
            pages.put(id, new ProductPage(id, handle, url, image.isBlank() ? null : URI.create(image)));
        }
        return pages;
    }

    /** The {@code data} of one GraphQL query, waiting out cost-based throttling up to the configured retries. */
    JsonNode query(String shop, String accessToken, String query) {
        return query(shop, accessToken, query, null);
    }

    JsonNode query(String shop, String accessToken, String query, JsonNode variables) {
        ObjectNode body = Json.MAPPER.createObjectNode().put("query", query);
        if (variables != null) {
            body.set("variables", variables);
        }
        for (int attempt = 0; ; attempt++) {
            HttpResponse<String> response = post(config.admin(shop, "/admin/api/" + config.apiVersion()
                    + "/graphql.json"), body, accessToken);
            int status = response.statusCode();
            switch (status) {
                case 200 -> {
                }
                case 401, 402, 403, 404, 423 ->
                        throw new ShopifyRefusedException("Admin API refused the query (" + status + ")");
                default -> throw new ShopifyUnavailableException("Admin API answered " + status, null);
            }
            JsonNode answer = json(response);
            JsonNode errors = answer.path("errors");
            if (!errors.isArray() || errors.isEmpty()) {
                return answer.path("data");
            }
            if (!"THROTTLED".equals(errors.get(0).path("extensions").path("code").asText())) {
                throw new ShopifyUnavailableException("Admin API query failed: "
                        + errors.get(0).path("message").asText("unknown error"), null);
            }
            if (attempt >= config.throttleRetries()) {
                throw new ShopifyUnavailableException("Admin API still throttled after " + attempt + " retries", null);
            }
            pause(throttleWait(answer.path("extensions").path("cost")));
        }
    }

    /** How long until the bucket holds the query's cost again: (requested - available) / restoreRate. */
    static Duration throttleWait(JsonNode cost) {
        JsonNode status = cost.path("throttleStatus");
        double requested = cost.path("requestedQueryCost").asDouble(1);
        double available = status.path("currentlyAvailable").asDouble(0);
        double restoreRate = status.path("restoreRate").asDouble(50);
        double seconds = restoreRate <= 0 ? 1 : Math.max(0, requested - available) / restoreRate;
        Duration wait = Duration.ofMillis((long) Math.ceil(seconds * 1000));
        return wait.compareTo(MAX_THROTTLE_WAIT) > 0 ? MAX_THROTTLE_WAIT : wait;
    }

    private HttpResponse<String> post(java.net.URI uri, JsonNode body, String accessToken) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(config.timeout())
                .header("content-type", "application/json").header("accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
        if (accessToken != null) {
            request.header("X-Shopify-Access-Token", accessToken);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new ShopifyUnavailableException("Shopify unreachable: " + e.getClass().getSimpleName(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ShopifyUnavailableException("interrupted", e);
        }
    }

    private static JsonNode json(HttpResponse<String> response) {
        try {
            JsonNode node = Json.MAPPER.readTree(response.body());
            return node == null ? Json.MAPPER.createObjectNode() : node;
        } catch (IOException e) {
            return Json.MAPPER.createObjectNode();
        }
    }

    private static void pause(Duration wait) {
        try {
            Thread.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ShopifyUnavailableException("interrupted while throttled", e);
        }
    }
}
