package dev.doorstep.webhook.shopify;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import dev.doorstep.core.port.ReceiptLog;
import dev.doorstep.lambda.HttpResponses;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The webhook's SnapStart priming: a built-in {@code orders/fulfilled} delivery, signed with the live
 * secret, through everything a first delivery runs up to the first write. Its only fulfillment was
 * cancelled, so even if a shop of that name were installed the intake would ignore it: priming can
 * never store an order. Nothing is logged per step and no metric is counted.
 */
final class WebhookPriming {

    static final String SHOP = "doorstep-snapstart-priming.myshopify.com";
    static final String WEBHOOK_ID = "doorstep-snapstart-priming";
    private static final String BODY = """
            {"id":1,"name":"#PRIMING","email":null,"customer":{"id":1,"first_name":"Priming"},\
            "shipping_address":{"country_code":"US"},"line_items":[{"id":1,"product_id":1,"title":"Priming",\
            "quantity":1}],"fulfillments":[{"id":1,"order_id":1,"status":"cancelled",\
            "created_at":"2026-01-01T00:00:00Z","tracking_company":"UPS","tracking_number":"1ZPRIMING",\
            "tracking_numbers":["1ZPRIMING"]}]}""";

    private WebhookPriming() {
    }

    static void prime(ShopifySecrets secrets, ReceiptLog receipts, WebhookIntake intake) {
        WebhookRequest request = WebhookRequest.verify(signedDelivery(secrets.signingSecrets().getFirst()), secrets);
        receipts.alreadyReceived(ShopifyWebhookFunction.SOURCE, request.webhookId());
        try {
            intake.handle(ShopifyTopic.ORDERS_FULFILLED, request);
        } catch (Rejected notInstalled) {
            // the priming shop is not installed: the shop lookup ran, which is what priming is for
        }
        HttpResponses.json(200, Map.of("status", "ignored", "reason", "primed", "orderIds", List.of()));
    }

    static APIGatewayV2HTTPEvent signedDelivery(String secret) {
        byte[] body = BODY.getBytes(StandardCharsets.UTF_8);
        return APIGatewayV2HTTPEvent.builder()
                .withHeaders(Map.of("content-type", "application/json",
                        "x-shopify-topic", ShopifyTopic.ORDERS_FULFILLED.topicName(),
                        "x-shopify-hmac-sha256", ShopifySignature.sign(body, secret),
                        "x-shopify-shop-domain", SHOP,
                        "x-shopify-api-version", "2026-07",
                        "x-shopify-webhook-id", WEBHOOK_ID,
                        "x-shopify-triggered-at", "2026-01-01T00:00:00Z"))
                .withBody(BODY).withIsBase64Encoded(false).build();
    }
}
