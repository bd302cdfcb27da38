package dev.doorstep.merchantpage;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The page itself: one HTML file with its CSS and script inline (one request, so first paint needs no
 * second round trip), read once from the jar. In Shopify admin the page loads App Bridge from Shopify's
 * CDN and takes session tokens from it; run locally ({@code localSessions}) it asks the local runtime for
 * a token of the shop the developer picks, so nothing comes from the CDN.
 */
public final class MerchantPageHtml {

    private static final Pattern SHOP = Pattern.compile("[a-z0-9][a-z0-9-]*\\.myshopify\\.com");
    private final String html;

    public MerchantPageHtml(String clientId, boolean localSessions) {
        try (InputStream in = MerchantPageHtml.class.getResourceAsStream("merchant-page.html")) {
            if (in == null) {
                throw new IllegalStateException("merchant-page.html is missing from the jar");
            }
            this.html = new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .replace("{{SHOPIFY_API_KEY}}", escape(clientId == null ? "" : clientId))
                    .replace("{{LOCAL_SESSIONS}}", Boolean.toString(localSessions));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The page, framable only by the shop's admin (Shopify's rule for embedded apps); {@code shop} is
     * Shopify's launch parameter and is used for nothing but this header.
     */
    APIGatewayV2HTTPResponse response(String shop) {
        String ancestors = shop != null && SHOP.matcher(shop).matches()
                ? "https://" + shop + " https://admin.shopify.com" : "https://admin.shopify.com";
        APIGatewayV2HTTPResponse response = new APIGatewayV2HTTPResponse();
        response.setStatusCode(200);
        response.setHeaders(Map.of("content-type", "text/html; charset=utf-8",
                "content-security-policy", "frame-ancestors " + ancestors + " 'self';",
                "cache-control", "no-store", "x-content-type-options", "nosniff"));
        response.setBody(html);
        response.setIsBase64Encoded(false);
        return response;
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;");
    }
}
