package dev.doorstep.webhook.aftership;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * An AfterShip webhook request that passed the checks that need no table read, cheapest first: size
 * (413), base64 (400), {@code ?shop=} (400), content type (415). The signature is checked next, with
 * the shop's secret.
 *
 * @param shop the {@code ?shop=} domain, lower case
 * @param body the exact bytes AfterShip signed
 */
record WebhookRequest(String shop, byte[] body) {

    /** A tracking with every checkpoint is tens of KiB; anything near this is not AfterShip. */
    static final int MAX_BODY_BYTES = 1024 * 1024;
    /** What the webhook URL's {@code ?shop=} must be (as the Shopify route checks its shop header). */
    private static final Pattern SHOP_DOMAIN = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}\\.myshopify\\.com");

    /** @throws Refused with the status, outcome and reason to answer */
    static WebhookRequest check(APIGatewayV2HTTPEvent request) {
        String raw = request.getBody() == null ? "" : request.getBody();
        // A cheap bound first: base64 is 4 chars per 3 bytes, UTF-8 at least 1 byte per char.
        if (raw.length() > MAX_BODY_BYTES / 3 * 4 + 4) {
            throw tooLarge();
        }
        byte[] body;
        try {
            body = request.getIsBase64Encoded() ? Base64.getDecoder().decode(raw)
                    : raw.getBytes(StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new Refused(400, "bad-encoding", "the body is marked base64 but is not valid base64", null);
        }
        if (body.length > MAX_BODY_BYTES) {
            throw tooLarge();
        }
        Map<String, String> query = request.getQueryStringParameters();
        String shop = query == null ? null : query.get("shop");
        if (shop == null || shop.isBlank()) {
            throw new Refused(400, "missing", "the URL needs ?shop=<shop>.myshopify.com", null);
        }
        shop = shop.toLowerCase(Locale.ROOT);
        if (!SHOP_DOMAIN.matcher(shop).matches()) {
            // not logged: it is whatever the caller put in the URL
            throw new Refused(400, "bad-shop", "?shop= must be the shop's <shop>.myshopify.com domain", null);
        }
        if (!isJson(header(request, "content-type"))) {
            throw new Refused(415, "content-type", "AfterShip webhooks are application/json", shop);
        }
        return new WebhookRequest(shop, body);
    }

    /** HTTP API lower-cases header names; AfterShip's docs show both spellings. */
    static String header(APIGatewayV2HTTPEvent request, String name) {
        if (request.getHeaders() == null) {
            return null;
        }
        return request.getHeaders().entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                .map(Map.Entry::getValue).findFirst().orElse(null);
    }

    /** {@code application/json}, any case, parameters (charset) allowed. */
    private static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        int parameters = contentType.indexOf(';');
        String type = parameters < 0 ? contentType : contentType.substring(0, parameters);
        return type.strip().toLowerCase(Locale.ROOT).equals("application/json");
    }

    private static Refused tooLarge() {
        return new Refused(413, "too-large", "the body is over " + MAX_BODY_BYTES + " bytes", null);
    }

    /** A request answered with a 4xx before its signature is checked. */
    static final class Refused extends RuntimeException {
        final int status;
        final String outcome;
        /** the shop when it is safe to log (a valid domain), else null */
        final String shop;

        Refused(int status, String outcome, String reason, String shop) {
            super(reason, null, false, false);
            this.status = status;
            this.outcome = outcome;
            this.shop = shop;
        }
    }
}
