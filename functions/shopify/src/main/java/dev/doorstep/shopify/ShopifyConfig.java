package dev.doorstep.shopify;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * How to reach Shopify's Admin side.
 *
 * @param clientId the app's client id (API key): the session tokens' audience
 * @param clientSecret the app's client secret: signs session tokens, authenticates the token exchange
 * @param adminBaseUrl where a shop's admin lives, with {@code {shop}} for its domain: {@code https://{shop}}
 *     for real Shopify, the stand-in's {@code http://127.0.0.1:port/{shop}} for tests and local runs
 * @param apiVersion the pinned Admin API version
 * @param throttleRetries how often a {@code THROTTLED} query is retried after waiting for the bucket to refill
 */
public record ShopifyConfig(String clientId, String clientSecret, String adminBaseUrl, String apiVersion,
        Duration timeout, int throttleRetries) {

    /** Pinned: Shopify supports a stable version for twelve months; move it with the app's release. */
    public static final String API_VERSION = "2026-07";
    public static final String REAL_SHOPIFY = "https://{shop}";

    public ShopifyConfig {
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(clientSecret, "clientSecret");
        if (adminBaseUrl == null || !adminBaseUrl.contains("{shop}")) {
            throw new IllegalArgumentException("the admin base URL must contain {shop}");
        }
        apiVersion = apiVersion == null || apiVersion.isBlank() ? API_VERSION : apiVersion;
        timeout = timeout == null ? Duration.ofSeconds(5) : timeout;
    }

    /**
     * {@code SHOPIFY_API_KEY} (client id), {@code SHOPIFY_API_SECRET} (client secret, local runs; in AWS the
     * function reads it from Secrets Manager and passes it in), {@code SHOPIFY_ADMIN_BASE_URL},
     * {@code SHOPIFY_API_VERSION}.
     */
    public static ShopifyConfig fromEnvironment(Map<String, String> env, String clientSecret) {
        return new ShopifyConfig(env.getOrDefault("SHOPIFY_API_KEY", ""), clientSecret,
                env.getOrDefault("SHOPIFY_ADMIN_BASE_URL", REAL_SHOPIFY), env.get("SHOPIFY_API_VERSION"), null, 3);
    }

    URI admin(String shop, String path) {
        return URI.create(adminBaseUrl.replace("{shop}", shop).replaceAll("/+$", "") + path);
    }

    /** The secret never reaches a log through this record. */
    @Override
    public String toString() {
        return "ShopifyConfig[clientId=" + clientId + ", adminBaseUrl=" + adminBaseUrl + ", apiVersion=" + apiVersion
                + ", clientSecret withheld]";
    }
}
