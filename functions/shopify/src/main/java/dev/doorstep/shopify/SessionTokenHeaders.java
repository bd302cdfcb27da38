package dev.doorstep.shopify;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.doorstep.lambda.HttpResponses;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The HTTP side of App Bridge session tokens, shared by every route they authorize: where the token
 * is ({@code Authorization: Bearer}) and how a refusal is answered.
 */
public final class SessionTokenHeaders {

    private SessionTokenHeaders() {
    }

    /** The bearer token of the request, or null when it carries none. */
    public static String bearer(APIGatewayV2HTTPEvent event) {
        if (event.getHeaders() == null) {
            return null;
        }
        for (Map.Entry<String, String> h : event.getHeaders().entrySet()) {
            if ("authorization".equals(h.getKey().toLowerCase(Locale.ROOT)) && h.getValue() != null
                    && h.getValue().regionMatches(true, 0, "Bearer ", 0, 7)) {
                return h.getValue().substring(7).trim();
            }
        }
        return null;
    }

    /** A 401 that App Bridge retries once with a fresh session token (Shopify's retry header). */
    public static APIGatewayV2HTTPResponse unauthorized(String reason) {
        APIGatewayV2HTTPResponse response = HttpResponses.status(401, "unauthorized", reason);
        Map<String, String> headers = new HashMap<>(response.getHeaders() == null ? Map.of() : response.getHeaders());
        headers.put("x-shopify-retry-invalid-session-request", "1");
        headers.put("www-authenticate", "Bearer");
        response.setHeaders(headers);
        return response;
    }
}
