package dev.doorstep.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.doorstep.core.model.OrderKey;
import java.util.List;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * ShopifyWebhookFunction: every signed sample in events/shopify-webhook verifies against the app
 * secret it reads from Secrets Manager and is accepted; the fulfilled order lands in the table, the
 * cancellation reaches it, and the redactions are queued for the privacy worker.
 */
class ShopifyWebhookContractTest extends FunctionContract {

    static final OrderKey ORDER = new OrderKey("acme-outdoor.myshopify.com", "5710293847561");

    @Override
    String logicalId() {
        return "ShopifyWebhookFunction";
    }

    @Test
    @Order(1)
    void everySignedSampleIsAcceptedAndReachesItsOrder() {
        seeds.shop(ORDER.shop());
        httpOk(Samples.text("shopify-webhook/fulfillments-create.json"), 200);
        httpOk(Samples.text("shopify-webhook/orders-fulfilled.json"), 200);
        assertThat(seeds.orders.find(ORDER)).as("the fulfilled order is stored").isPresent();
        for (String sample : List.of("refunds-create.json", "orders-cancelled.json", "customers-data-request.json",
                "customers-redact.json")) {
            httpOk(Samples.text("shopify-webhook/" + sample), 200);
        }
        assertThat(seeds.orders.find(ORDER).orElseThrow().status().name()).isEqualTo("CANCELLED");
        httpOk(Samples.text("shopify-webhook/shop-update.json"), 200);
        httpOk(Samples.text("shopify-webhook/app-uninstalled.json"), 200);
        httpOk(Samples.text("shopify-webhook/shop-redact.json"), 200);
        // The erasure itself is the privacy worker's (PrivacyWorkerContractTest): here it is queued.
        assertThat(deployment.aws.sqs.receiveMessage(b -> b.queueUrl(deployment.aws.privacyQueueUrl)
                .maxNumberOfMessages(10).visibilityTimeout(0)).messages())
                .as("the redactions are queued for the privacy worker").isNotEmpty();
    }

    @Test
    @Order(2)
    void aSampleWithAForgedSignatureIsRefused() {
        seeds.shop(ORDER.shop());
        String forged = Samples.text("shopify-webhook/orders-fulfilled.json").replace("5710293847561", "5710293847562");
        httpOk(forged, 401);
    }
}
