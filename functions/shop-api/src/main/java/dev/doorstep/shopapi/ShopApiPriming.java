package dev.doorstep.shopapi;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import dev.doorstep.core.model.FieldErrors;
import dev.doorstep.core.model.Shop;
import dev.doorstep.core.model.ShopSettings;
import java.util.Map;

/**
 * The shop API's SnapStart priming: a built-in settings body read by the handler's own body reader,
 * checked and applied by {@link SettingsJson} as a PUT does and shown as a GET shows it, but never
 * saved; then the handler's two GET endpoints, settings and review requests, for a shop that cannot
 * exist, whose shop GetItem misses.
 *
 * <p>Why it is safe at deployment time: the PUT endpoint itself is never called, so nothing is saved,
 * no key is encrypted and no AfterShip key check is made (the body has no key). The GETs only read,
 * and the shop can never exist: the handler (and the webhook) store only {@code *.myshopify.com}
 * shops, and refuse any other name. Nothing is logged (the request log line is the handler's part) and
 * no metric is counted.
 */
final class ShopApiPriming {

    static final String SHOP = "doorstep-snapstart-priming.invalid";
    static final String SETTINGS = """
            {"requestsEnabled": true, "shopCountry": "US", "timeZone": "America/New_York",
             "waitDaysAfterDelivery": 3, "minDelayDomesticDays": 7, "minDelayInternationalDays": 14,
             "fallbackEnabled": true, "fallbackDays": 60, "pollInterval": "PT12H", "sendWindow": "09:00-20:00",
             "emailTemplate": {"subject": "How was {products}?", "body": "Hi {customer_name}: {review_url}",
             "reviewUrl": "https://doorstep-snapstart-priming.invalid/reviews"}}""";

    private ShopApiPriming() {
    }

    static void prime(SettingsEndpoint settings, ReviewRequestsEndpoint reviewRequests) {
        ShopSettings applied = SettingsJson.apply(ShopSettings.defaults(SHOP), ShopApiFunction.body(put(SETTINGS)),
                new FieldErrors()).orElseThrow();
        SettingsJson.view(Shop.installed(applied), false);
        settings.get(SHOP);
        reviewRequests.list(SHOP, Map.of("status", "SCHEDULED,SENT", "limit", "25"));
    }

    static APIGatewayV2HTTPEvent put(String body) {
        return APIGatewayV2HTTPEvent.builder().withRawPath("/shops/" + SHOP + "/settings").withBody(body)
                .withIsBase64Encoded(false).build();
    }
}
