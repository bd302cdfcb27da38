package dev.doorstep.local;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.doorstep.core.intake.PrivacyRequest;
import dev.doorstep.core.port.PrivacyRequests;
import dev.doorstep.webhook.shopify.PrivacyRequestMessage;
import dev.doorstep.webhook.shopify.PrivacyWorkerFunction;
import java.util.List;
import java.util.UUID;

/**
 * template.yaml's PrivacyQueue -> PrivacyWorkerFunction, locally: each queued request goes to the
 * worker at once as a one-message SQS event with the body the webhook would queue. A failure is
 * printed (in AWS it would come back, then rest in the dead-letter queue).
 */
final class LocalPrivacyQueue implements PrivacyRequests {

    private final PrivacyWorkerFunction worker;

    LocalPrivacyQueue(PrivacyWorkerFunction worker) {
        this.worker = worker;
    }

    @Override
    public void queue(PrivacyRequest request) {
        SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
        message.setMessageId(UUID.randomUUID().toString());
        message.setBody(PrivacyRequestMessage.toJson(request));
        message.setEventSource("aws:sqs");
        message.setEventSourceArn(LocalAws.arn("sqs", "doorstep-privacy"));
        SQSEvent event = new SQSEvent();
        event.setRecords(List.of(message));
        SQSBatchResponse response = worker.handleRequest(event, LocalContext.of("PrivacyWorkerFunction"));
        if (response != null && response.getBatchItemFailures() != null && !response.getBatchItemFailures().isEmpty()) {
            System.err.println("[doorstep-local] WARN privacy request failed: " + request.kind() + " " + request.shop());
        }
    }
}
