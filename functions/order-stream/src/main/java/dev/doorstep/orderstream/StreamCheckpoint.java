package dev.doorstep.orderstream;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A stream batch's partial-failure answer: the earliest failed record of the batch, by its position (a
 * shard's records arrive in sequence order). Lambda retries a stream from that record on, so naming a
 * later one as well would add nothing, and naming only a later one would lose the earlier.
 */
final class StreamCheckpoint {

    private StreamCheckpoint() {
    }

    /**
     * @param failed sequence numbers the logics want back, in any order; one that is not in the batch
     *               (never expected) retries the whole batch rather than risk skipping a record
     */
    static StreamsEventResponse earliest(List<DynamodbEvent.DynamodbStreamRecord> batch, Collection<String> failed) {
        if (failed.isEmpty()) {
            return new StreamsEventResponse(List.of());
        }
        Set<String> wanted = new HashSet<>(failed);
        String checkpoint = null;
        int found = 0;
        for (DynamodbEvent.DynamodbStreamRecord record : batch) {
            String sequence = record.getDynamodb() == null ? null : record.getDynamodb().getSequenceNumber();
            if (sequence != null && wanted.contains(sequence)) {
                checkpoint = checkpoint == null ? sequence : checkpoint;
                found++;
            }
        }
        if (checkpoint == null || found < wanted.size()) {
            checkpoint = batch.getFirst().getDynamodb().getSequenceNumber();
        }
        return new StreamsEventResponse(List.of(new StreamsEventResponse.BatchItemFailure(checkpoint)));
    }
}
