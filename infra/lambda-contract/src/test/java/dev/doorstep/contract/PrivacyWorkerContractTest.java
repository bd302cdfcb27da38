package dev.doorstep.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * PrivacyWorkerFunction (no sample of its own): the work ShopifyWebhookFunction's jar queues for the
 * customers/redact sample, handed over as the SQS event source would, is done without a failure.
 */
class PrivacyWorkerContractTest extends FunctionContract {

    @Override
    String logicalId() {
        return "PrivacyWorkerFunction";
    }

    @Test
    @Order(1)
    void theQueuedRedactionIsDone() {
        seeds.shop("acme-outdoor.myshopify.com");
        try (LambdaProcess webhook = deployment.start("ShopifyWebhookFunction")) {
            webhook.invoke(Samples.text("shopify-webhook/customers-redact.json"));
        }
        var sqs = deployment.aws.sqs;
        var messages = sqs.receiveMessage(b -> b.queueUrl(deployment.aws.privacyQueueUrl).maxNumberOfMessages(10)
                .waitTimeSeconds(2)).messages();
        assertThat(messages).as("the webhook queued the redaction").isNotEmpty();
        ObjectNode event = Samples.JSON.createObjectNode();
        ArrayNode records = event.putArray("Records");
        for (Message m : messages) {
            records.addObject().put("messageId", m.messageId()).put("receiptHandle", m.receiptHandle())
                    .put("body", m.body()).put("md5OfBody", m.md5OfBody()).put("eventSource", "aws:sqs")
                    .put("eventSourceARN", LocalStackValues.arn("sqs", "doorstep-PrivacyQueue"))
                    .put("awsRegion", LocalStackValues.REGION).putObject("attributes")
                    .put("ApproximateReceiveCount", "1").put("SentTimestamp", "1773057600000");
        }
        noBatchItemFailures(invokeOk(event.toString()));
    }
}
