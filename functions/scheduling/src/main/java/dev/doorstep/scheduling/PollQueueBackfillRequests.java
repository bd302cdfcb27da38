package dev.doorstep.scheduling;

import dev.doorstep.core.port.BackfillRequests;
import dev.doorstep.lambda.AwsClients;
import dev.doorstep.lambda.JsonLog;
import java.util.Map;
import java.util.function.Supplier;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * A backfill request as a {@link BackfillMessage} on the shop poll queue, so the merchant's accept answers at
 * once and the ShopPollWorker reads Shopify's orders. A failed send is logged and thrown: the accept puts the
 * offer back and answers "try again".
 */
public final class PollQueueBackfillRequests implements BackfillRequests {

    private static final JsonLog LOG = JsonLog.of(PollQueueBackfillRequests.class);

    private final Supplier<SqsClient> sqs;
    private final String queueUrl;

    public PollQueueBackfillRequests(SqsClient sqs, String queueUrl) {
        this(() -> sqs, queueUrl);
    }

    private PollQueueBackfillRequests(Supplier<SqsClient> sqs, String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    /** For a Lambda's init phase: the queue from {@code POLL_QUEUE_URL}, the client built on first use. */
    public static PollQueueBackfillRequests fromEnvironment() {
        String url = AwsClients.requiredEnv("POLL_QUEUE_URL");
        SqsClient[] built = new SqsClient[1];
        return new PollQueueBackfillRequests(() -> {
            synchronized (built) {
                if (built[0] == null) {
                    built[0] = AwsClients.build(SqsClient.builder());
                }
                return built[0];
            }
        }, url);
    }

    @Override
    public void request(String shop) {
        try {
            sqs.get().sendMessage(b -> b.queueUrl(queueUrl).messageBody(new BackfillMessage(shop).body()));
            LOG.info("backfill requested", Map.of("shop", shop));
        } catch (RuntimeException e) {
            // The caller answers the merchant (try again) and puts the offer back; nothing is lost.
            LOG.warn("backfill request not queued", Map.of("shop", shop, "reason",
                    e.getClass().getSimpleName() + ": " + e.getMessage()));
            throw e;
        }
    }
}
