package dev.doorstep.poller;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

/** Queues one poll message per shop, ten to a SendMessageBatch (SQS's maximum). */
final class ShopPollFanOut {

    private static final int BATCH = 10;
    private static final int TRIES = 3;

    private final SqsClient sqs;
    private final String queueUrl;

    ShopPollFanOut(SqsClient sqs, String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    /**
     * @return how many messages were queued
     * @throws IllegalStateException when some could not be queued after retries (the scheduler's retry
     *     then runs the whole cycle again; a shop queued twice is polled once and then skipped)
     */
    int queue(List<String> shops, Instant pollStart) {
        int queued = 0;
        for (int from = 0; from < shops.size(); from += BATCH) {
            List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
            for (int i = from; i < Math.min(shops.size(), from + BATCH); i++) {
                entries.add(SendMessageBatchRequestEntry.builder().id(Integer.toString(i))
                        .messageBody(new ShopPollMessage(shops.get(i), pollStart).toJson()).build());
            }
            queued += send(entries);
        }
        return queued;
    }

    private int send(List<SendMessageBatchRequestEntry> entries) {
        List<SendMessageBatchRequestEntry> pending = entries;
        for (int attempt = 1; ; attempt++) {
            List<SendMessageBatchRequestEntry> batch = pending;
            SendMessageBatchResponse response = sqs.sendMessageBatch(b -> b.queueUrl(queueUrl).entries(batch));
            if (!response.hasFailed() || response.failed().isEmpty()) {
                return entries.size();
            }
            List<String> failedIds = response.failed().stream().map(BatchResultErrorEntry::id).toList();
            if (attempt == TRIES) {
                throw new IllegalStateException("SQS did not take " + failedIds.size() + " shop poll message(s): "
                        + response.failed().getFirst().code());
            }
            pending = batch.stream().filter(e -> failedIds.contains(e.id())).toList();
        }
    }
}
