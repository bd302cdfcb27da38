package dev.doorstep.webhook.shopify;

import dev.doorstep.core.intake.PrivacyRequest;
import dev.doorstep.core.port.PrivacyRequests;
import dev.doorstep.lambda.AwsClients;
import java.util.Objects;
import software.amazon.awssdk.services.sqs.SqsClient;

/** Queues privacy requests on SQS for {@link PrivacyWorkerFunction} (template.yaml's PrivacyQueue). */
public final class SqsPrivacyRequests implements PrivacyRequests {

    private final SqsClient sqs;
    private final String queueUrl;

    public SqsPrivacyRequests(SqsClient sqs, String queueUrl) {
        this.sqs = Objects.requireNonNull(sqs, "sqs");
        this.queueUrl = Objects.requireNonNull(queueUrl, "queueUrl");
    }

    /** Env {@code PRIVACY_QUEUE_URL}. */
    static SqsPrivacyRequests fromEnvironment() {
        return new SqsPrivacyRequests(AwsClients.build(SqsClient.builder()), AwsClients.requiredEnv("PRIVACY_QUEUE_URL"));
    }

    @Override
    public void queue(PrivacyRequest request) {
        // A failure throws: the webhook answers 500 and Shopify delivers it again.
        sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(PrivacyRequestMessage.toJson(request)));
    }
}
