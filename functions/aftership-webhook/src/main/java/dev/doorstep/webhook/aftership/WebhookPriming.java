package dev.doorstep.webhook.aftership;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import dev.doorstep.core.model.OrderKey;
import dev.doorstep.core.port.OrderStore;
import dev.doorstep.core.port.ReceiptLog;
import dev.doorstep.lambda.HttpResponses;
import java.util.Map;

/**
 * The AfterShip webhook's SnapStart priming: a built-in Delivered event for a shop that cannot exist,
 * through the request checks, the shop's secret lookup (a miss: no KMS call), the event parser, and the
 * receipt and order lookups (misses). Reads only: no receipt, no order change, no metric.
 */
final class WebhookPriming {

    static final String SHOP = "doorstep-snapstart-priming.myshopify.com";
    private static final String BODY = """
            {"event":"tracking_update","event_id":"doorstep-snapstart-priming","is_tracking_first_tag":true,\
            "msg":{"id":"priming","tracking_number":"1ZPRIMING","slug":"ups","active":false,"order_id":"1",\
            "order_number":"#PRIMING","tag":"Delivered","subtag":"Delivered_001","subtag_message":"Delivered",\
            "shipment_delivery_date":"2026-01-02T09:00:00Z","created_at":"2026-01-01T10:00:00Z",\
            "updated_at":"2026-01-02T09:00:00Z","checkpoints":[{"tag":"Delivered",\
            "checkpoint_time":"2026-01-02T09:00:00Z"}]},"ts":1767344400}""";

    private WebhookPriming() {
    }

    static void prime(WebhookSecrets secrets, ReceiptLog receipts, OrderStore orders) {
        WebhookRequest checked = WebhookRequest.check(delivery());
        secrets.forShop(checked.shop());
        AfterShipWebhookEvent event = AfterShipWebhookEvent.parse(checked.body());
        receipts.alreadyReceived(AfterShipWebhookFunction.SOURCE, event.eventId());
        orders.find(new OrderKey(checked.shop(), event.tracking().orderId()));
        HttpResponses.status(200, "ignored", "primed");
    }

    static APIGatewayV2HTTPEvent delivery() {
        return APIGatewayV2HTTPEvent.builder()
                .withHeaders(Map.of("content-type", "application/json"))
                .withQueryStringParameters(Map.of("shop", SHOP))
                .withBody(BODY).withIsBase64Encoded(false).build();
    }
}
