package dev.doorstep.reliability;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.doorstep.emulator.EventPattern;
import dev.doorstep.emulator.ProjectRoot;
import dev.doorstep.emulator.StreamRecordJson;
import dev.doorstep.emulator.TableStream;
import dev.doorstep.emulator.TemplateStreamFilters;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * The table's real stream (from the emulator), handed over as OrderStreamFunction's event source mapping
 * would: only the records its filter patterns in template.yaml let through.
 */
final class StreamReader {

    static final String FUNCTION = "OrderStreamFunction";
    private static final List<EventPattern> FILTERS =
            TemplateStreamFilters.of(ProjectRoot.find().resolve("template.yaml"), FUNCTION);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final TableStream stream;

    /** Reads from the oldest record still in the stream. */
    StreamReader(DynamoDbStreamsClient streams, String streamArn) {
        this.stream = new TableStream(streams, streamArn);
    }

    /** Every record written since the last call that the mapping lets through, as one batch. */
    DynamodbEvent next() {
        ObjectNode event = JSON.createObjectNode();
        ArrayNode records = event.putArray("Records");
        // The emulator never deletes by TTL, so no record carries the TTL service's identity.
        stream.nextRecords().stream().map(r -> StreamRecordJson.of(r, stream.streamArn(), false))
                .filter(r -> TemplateStreamFilters.letThrough(FILTERS, r)).forEach(records::add);
        return TableStream.read(event.toString());
    }

    /**
     * What Lambda hands over again after a partial failure of a stream batch: the records from the
     * earliest one reported on (a stream retries from a checkpoint, not record by record).
     */
    static DynamodbEvent fromEarliest(DynamodbEvent event, List<String> sequenceNumbers) {
        List<DynamodbEvent.DynamodbStreamRecord> records = event.getRecords();
        int from = 0;
        while (from < records.size() && !sequenceNumbers.contains(records.get(from).getDynamodb().getSequenceNumber())) {
            from++;
        }
        DynamodbEvent retry = new DynamodbEvent();
        retry.setRecords(records.subList(from, records.size()));
        return retry;
    }
}
