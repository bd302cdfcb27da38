package dev.doorstep.tracking;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import dev.doorstep.emulator.TableStream;
import java.util.Date;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * Reads what the table's stream really holds (from the emulator) and hands it over as the Lambda
 * events library's {@link DynamodbEvent}, as the event source mapping would.
 */
final class StreamRecords {

    private final TableStream stream;

    StreamRecords(DynamoDbStreamsClient streams, String streamArn) {
        this.stream = new TableStream(streams, streamArn);
    }

    /** Every record written since the last call, as one batch. */
    DynamodbEvent next() {
        return stream.next();
    }

    /** With a different creation time, as a record that has waited in the stream. */
    static DynamodbEvent aged(DynamodbEvent event, java.time.Instant createdAt) {
        event.getRecords().forEach(r -> r.getDynamodb().setApproximateCreationDateTime(Date.from(createdAt)));
        return event;
    }
}
