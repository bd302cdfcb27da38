package dev.doorstep.reliability;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import dev.doorstep.emulator.TableStream;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/** The table's real stream (from the emulator), handed over as the event source mapping would. */
final class StreamReader {

    private final TableStream stream;

    /** Reads from the oldest record still in the stream. */
    StreamReader(DynamoDbStreamsClient streams, String streamArn) {
        this.stream = new TableStream(streams, streamArn);
    }

    /** Every record written since the last call, as one batch. */
    DynamodbEvent next() {
        return stream.next();
    }

    /** The same batch with only the records whose sequence numbers are given (a partial batch retry). */
    static DynamodbEvent only(DynamodbEvent event, List<String> sequenceNumbers) {
        DynamodbEvent retry = new DynamodbEvent();
        retry.setRecords(event.getRecords().stream()
                .filter(r -> sequenceNumbers.contains(r.getDynamodb().getSequenceNumber())).toList());
        return retry;
    }
}
