package dev.doorstep.aftership;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * How the client talks to AfterShip. The bounds keep one Lambda invocation predictable: a few quick
 * retries, then the caller decides (the stream retries the record, or the order is parked).
 *
 * @param requestTimeout one HTTP exchange
 * @param attempts tries per call for 5xx and timeouts (exponential backoff with jitter in between)
 * @param backoffBase the first backoff; doubles each time, capped at {@code backoffCap}
 * @param rateLimitRetries how many 429s in a row are waited out before giving up with RATE_LIMITED
 * @param longestRateLimitWait a 429 whose reset is further away than this is not waited for (a daily or
 *     plan limit, not the per-second one)
 */
public record AfterShipConfig(URI baseUrl, ApiVersion version, Duration connectTimeout, Duration requestTimeout,
        int attempts, Duration backoffBase, Duration backoffCap, int rateLimitRetries, Duration longestRateLimitWait) {

    public static final String DEFAULT_BASE_URL = "https://api.aftership.com";

    public AfterShipConfig {
        baseUrl = AfterShipBaseUrl.require(baseUrl);
    }

    public static AfterShipConfig defaults(URI baseUrl) {
        return new AfterShipConfig(baseUrl, new ApiVersion(ApiVersion.DEFAULT), Duration.ofSeconds(3),
                Duration.ofSeconds(10), 3, Duration.ofMillis(250), Duration.ofSeconds(4), 5, Duration.ofSeconds(5));
    }

    /** {@code AFTERSHIP_API_BASE_URL} (default {@value #DEFAULT_BASE_URL}) and {@code AFTERSHIP_API_VERSION}. */
    public static AfterShipConfig fromEnvironment(Map<String, String> env) {
        String base = env.getOrDefault("AFTERSHIP_API_BASE_URL", DEFAULT_BASE_URL);
        AfterShipConfig config = defaults(URI.create(base.isBlank() ? DEFAULT_BASE_URL : base.trim()));
        String version = env.get("AFTERSHIP_API_VERSION");
        return version == null || version.isBlank() ? config : config.withVersion(new ApiVersion(version.trim()));
    }

    public AfterShipConfig withVersion(ApiVersion v) {
        return new AfterShipConfig(baseUrl, v, connectTimeout, requestTimeout, attempts, backoffBase, backoffCap,
                rateLimitRetries, longestRateLimitWait);
    }

    public AfterShipConfig withTimeouts(Duration request, Duration backoff) {
        return new AfterShipConfig(baseUrl, version, connectTimeout, request, attempts, backoff, backoff.multipliedBy(8),
                rateLimitRetries, longestRateLimitWait);
    }

    public AfterShipConfig withAttempts(int tries, int rateLimitTries) {
        return new AfterShipConfig(baseUrl, version, connectTimeout, requestTimeout, tries, backoffBase, backoffCap,
                rateLimitTries, longestRateLimitWait);
    }
}
