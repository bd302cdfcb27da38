package dev.doorstep.webhook.shopify;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.doorstep.aftership.AfterShipClient;
import dev.doorstep.aftership.AfterShipConfig;
import dev.doorstep.aftership.AfterShipTrackingErasure;
import dev.doorstep.aftership.KmsApiKeyCipher;
import dev.doorstep.aftership.StoredApiKeys;
import dev.doorstep.core.intake.IntakeResult;
import dev.doorstep.core.intake.PrivacyRequest;
import dev.doorstep.core.intake.PrivacyWork;
import dev.doorstep.lambda.AwsClients;
import dev.doorstep.lambda.JsonLog;
import dev.doorstep.lambda.Metrics;
import dev.doorstep.scheduling.EventBridgeReviewScheduler;
import dev.doorstep.store.DynamoDbAfterShipCredentialStore;
import dev.doorstep.store.DynamoDbCustomerDataExports;
import dev.doorstep.store.DynamoDbOrderStore;
import dev.doorstep.store.DynamoDbShopStore;
import dev.doorstep.store.DynamoDbShopifyAccessTokenErasure;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kms.KmsClient;

/**
 * Does the privacy webhooks the Shopify webhook function queued (customers/redact,
 * customers/data_request, shop/redact), from the PrivacyQueue: parse, {@link PrivacyWork}, report. A
 * request that fails comes back (batch item failure) and, after its receives, rests in the queue's
 * dead-letter queue; each kind is safe to run again.
 */
public final class PrivacyWorkerFunction implements RequestHandler<SQSEvent, SQSBatchResponse> {

    private static final JsonLog LOG = JsonLog.of(PrivacyWorkerFunction.class);
    private static final Metrics METRICS = Metrics.forFunction("PrivacyWorker");

    private final PrivacyWork work;

    /** The Lambda runtime's constructor: real clients, built once in the init phase. */
    public PrivacyWorkerFunction() {
        this(onDynamoDb(AwsClients.build(DynamoDbClient.builder()), AwsClients.requiredEnv("TABLE_NAME")));
    }

    public PrivacyWorkerFunction(PrivacyWork work) {
        this.work = work;
    }

    private static PrivacyWork onDynamoDb(DynamoDbClient dynamo, String table) {
        DynamoDbOrderStore orders = new DynamoDbOrderStore(dynamo, table);
        var credentials = new DynamoDbAfterShipCredentialStore(dynamo, table);
        var keys = new StoredApiKeys(credentials, new KmsApiKeyCipher(AwsClients.build(KmsClient.builder()),
                AwsClients.requiredEnv("AFTERSHIP_KEYS_KMS_KEY_ID")), Clock.systemUTC());
        var trackings = new AfterShipTrackingErasure(new AfterShipClient(AfterShipConfig.fromEnvironment(
                System.getenv())), keys);
        return new PrivacyWork(new DynamoDbShopStore(dynamo, table), orders, credentials,
                new DynamoDbShopifyAccessTokenErasure(dynamo, table), EventBridgeReviewScheduler.fromEnvironment(),
                new DynamoDbCustomerDataExports(dynamo, table, Clock.systemUTC()), trackings, Clock.systemUTC());
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        List<SQSEvent.SQSMessage> records = event == null || event.getRecords() == null ? List.of() : event.getRecords();
        for (SQSEvent.SQSMessage message : records) {
            if (!carryOut(message)) {
                failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
            }
        }
        return new SQSBatchResponse(failures);
    }

    /** @return false when the message should come back */
    private boolean carryOut(SQSEvent.SQSMessage message) {
        PrivacyRequest request;
        try {
            request = PrivacyRequestMessage.parse(message.getBody());
        } catch (IllegalArgumentException e) {
            LOG.warn("not a privacy request", Map.of("messageId", message.getMessageId(), "reason", e.getMessage()));
            return false;
        }
        try {
            IntakeResult result = work.carryOut(request);
            LOG.info("privacy request done", Map.of("shop", request.shop(), "kind", request.kind().name(),
                    "reason", result.reason()));
            METRICS.count("PrivacyRequests", Map.of("Kind", request.kind().name(), "Outcome", "Done"));
            return true;
        } catch (RuntimeException e) {
            LOG.error("privacy request failed; it comes back", Map.of("shop", request.shop(), "kind",
                    request.kind().name()), e);
            METRICS.count("PrivacyRequests", Map.of("Kind", request.kind().name(), "Outcome", "Failed"));
            return false;
        }
    }
}
