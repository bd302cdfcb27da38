package dev.doorstep.webhook.shopify;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.doorstep.core.intake.PrivacyWork;
import dev.doorstep.core.model.Customer;
import dev.doorstep.core.port.TrackingErasure;
import dev.doorstep.core.model.Order;
import dev.doorstep.core.model.OrderKey;
import dev.doorstep.core.model.OrderStatus;
import dev.doorstep.emulator.WithAwsEmulator;
import dev.doorstep.store.DoorstepTable;
import dev.doorstep.store.DynamoDbAfterShipCredentialStore;
import dev.doorstep.store.DynamoDbCustomerDataExports;
import dev.doorstep.store.DynamoDbReceiptLog;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The privacy webhooks over the wire: the webhook function only queues them on SQS (ids, never the
 * payload's personal data) and answers at once; the worker, handed the queue's messages as the SQS
 * event source does, does the work: the customer's orders come from the customer index, including
 * orders Shopify did not list.
 */
@WithAwsEmulator
class PrivacyQueueTest {

    private final WebhookHarness harness;
    private final SqsClient sqs;
    private final String queueUrl;
    private final ShopifyWebhookFunction webhook;
    private final PrivacyWorkerFunction worker;
    private final DynamoDbCustomerDataExports exports;

    PrivacyQueueTest(DynamoDbClient dynamo, SqsClient sqs) {
        harness = new WebhookHarness(dynamo);
        this.sqs = sqs;
        queueUrl = sqs.createQueue(b -> b.queueName("privacy-" + UUID.randomUUID())).queueUrl();
        webhook = new ShopifyWebhookFunction(ShopifySecrets.of(Deliveries.SECRET, null),
                WebhookIntake.onDynamoDb(dynamo, harness.table, harness.scheduler, harness.clock,
                        new SqsPrivacyRequests(sqs, queueUrl)),
                new DynamoDbReceiptLog(dynamo, harness.table, harness.clock), harness.clock);
        exports = new DynamoDbCustomerDataExports(dynamo, harness.table, harness.clock);
        worker = new PrivacyWorkerFunction(new PrivacyWork(harness.shops, harness.orders,
                new DynamoDbAfterShipCredentialStore(dynamo, harness.table),
                new dev.doorstep.store.DynamoDbShopifyAccessTokenErasure(dynamo, harness.table), harness.scheduler, exports,
                TrackingErasure.NONE, harness.clock));
    }

    @Test
    void customersRedactIsAcknowledgedAtOnceAndTheWorkerRedactsEveryOrderOfTheCustomer() {
        harness.send("orders-fulfilled");
        // Another order of the same customer that Shopify's redact payload does not list.
        Order listed = harness.order();
        OrderKey unlisted = new OrderKey(WebhookHarness.SHOP, "5710293847999");
        harness.orders.insert(Order.received(unlisted, "#1999", listed.fulfillment(), listed.customer(),
                listed.lineItems(), WebhookHarness.NOW));

        APIGatewayV2HTTPResponse answer = webhook.handleRequest(Deliveries.sample("customers-redact"), null);

        assertThat(answer.getStatusCode()).isEqualTo(200);
        assertThat(WebhookHarness.body(answer).path("status").asText()).isEqualTo("accepted");
        assertThat(harness.order().customer().email()).as("not done inside the webhook").isNotNull();
        List<Message> queued = receive();
        assertThat(queued).singleElement().satisfies(m -> {
            assertThat(m.body()).contains("CUSTOMER_REDACT", WebhookHarness.SHOP, "191167")
                    .doesNotContain("@", "Mustermann");
        });

        SQSBatchResponse done = worker.handleRequest(event(queued), null);

        assertThat(done.getBatchItemFailures()).isEmpty();
        for (OrderKey key : List.of(WebhookHarness.ORDER, unlisted)) {
            Order order = harness.orders.find(key).orElseThrow();
            assertThat(order.customer()).as(key.orderId()).isEqualTo(new Customer("191167", null, null, null));
            assertThat(order.status()).isEqualTo(OrderStatus.CANCELLED);
        }
    }

    @Test
    void customersDataRequestLeavesTheMerchantAnExportOfTheCustomersData() {
        harness.send("orders-fulfilled");

        assertThat(webhook.handleRequest(Deliveries.sample("customers-data-request"), null).getStatusCode())
                .isEqualTo(200);
        assertThat(exports.of(WebhookHarness.SHOP)).as("nothing exported by the webhook itself").isEmpty();
        assertThat(worker.handleRequest(event(receive()), null).getBatchItemFailures()).isEmpty();

        assertThat(exports.of(WebhookHarness.SHOP)).singleElement().satisfies(export -> {
            assertThat(export.customerId()).isEqualTo("191167");
            assertThat(export.orders()).singleElement().satisfies(o -> {
                assertThat(o.key()).isEqualTo(WebhookHarness.ORDER);
                assertThat(o.customer().email()).isEqualTo("erika.muster@example.org");
            });
        });
    }

    @Test
    void shopRedactIsQueuedAndTheWorkerErasesTheShop() {
        harness.send("fulfillments-create");

        assertThat(webhook.handleRequest(Deliveries.sample("shop-redact"), null).getStatusCode()).isEqualTo(200);
        assertThat(harness.itemKeys()).as("nothing erased by the webhook itself")
                .anyMatch(k -> k.startsWith("SHOP#" + WebhookHarness.SHOP + "|ORDER#"));

        List<Message> queued = receive();
        assertThat(worker.handleRequest(event(queued), null).getBatchItemFailures()).isEmpty();
        assertThat(harness.itemKeys()).allMatch(k -> k.startsWith("RECEIPT#"));
    }

    @Test
    void aMessageThatIsNotAPrivacyRequestComesBack() {
        SQSEvent.SQSMessage junk = new SQSEvent.SQSMessage();
        junk.setMessageId("m-1");
        junk.setBody("{\"kind\":\"DELETE_EVERYTHING\",\"shop\":\"x.myshopify.com\"}");
        SQSEvent event = new SQSEvent();
        event.setRecords(List.of(junk));

        assertThat(worker.handleRequest(event, null).getBatchItemFailures())
                .extracting(SQSBatchResponse.BatchItemFailure::getItemIdentifier).containsExactly("m-1");
    }

    private List<Message> receive() {
        return sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(1)).messages();
    }

    private static SQSEvent event(List<Message> messages) {
        SQSEvent event = new SQSEvent();
        event.setRecords(messages.stream().map(m -> {
            SQSEvent.SQSMessage record = new SQSEvent.SQSMessage();
            record.setMessageId(m.messageId());
            record.setReceiptHandle(m.receiptHandle());
            record.setBody(m.body());
            record.setEventSource("aws:sqs");
            return record;
        }).toList());
        return event;
    }
}
