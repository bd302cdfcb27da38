package dev.doorstep.aftership;

import java.net.URI;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The only AfterShip base URLs the client accepts: {@code https://} anywhere, plain {@code http://} only
 * to this machine (the local sandbox). Why: every request carries the shop's API key in a header, and
 * over plain HTTP anyone on the path reads it.
 */
final class AfterShipBaseUrl {

    private static final Pattern LOOPBACK_V4 = Pattern.compile("127(\\.\\d{1,3}){3}");

    private AfterShipBaseUrl() {
    }

    /** @throws IllegalArgumentException naming what is wrong, at construction rather than on the first call */
    static URI require(URI url) {
        if (url == null || url.getHost() == null || url.getHost().isBlank()) {
            throw new IllegalArgumentException("the AfterShip base URL needs a scheme and a host, e.g. "
                    + AfterShipConfig.DEFAULT_BASE_URL);
        }
        if (url.getRawUserInfo() != null) {
            throw new IllegalArgumentException("the AfterShip base URL must not carry user information");
        }
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (scheme.equals("https")) {
            return url;
        }
        if (scheme.equals("http") && isLoopback(url.getHost())) {
            return url;
        }
        throw new IllegalArgumentException("the AfterShip base URL must be https:// (plain http:// only to"
                + " localhost, for local runs): the API key travels in every request's headers");
    }

    private static boolean isLoopback(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        return h.equals("localhost") || LOOPBACK_V4.matcher(h).matches() || h.equals("[::1]") || h.equals("::1");
    }
}
