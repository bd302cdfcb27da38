package dev.doorstep.reliability;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/** The table's real stream (from the emulator), handed over as the event source mapping would. */
final class StreamReader {

    private final DynamoDbStreamsClient streams;
    private final String streamArn;
    private String iterator;

    /** Reads from the oldest record still in the stream. */
    StreamReader(DynamoDbStreamsClient streams, String streamArn) {
        this.streams = streams;
        this.streamArn = streamArn;
        String shard = streams.describeStream(b -> b.streamArn(streamArn)).streamDescription().shards().getFirst()
                .shardId();
        iterator = streams.getShardIterator(b -> b.streamArn(streamArn).shardId(shard)
                .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
    }

    /** Every record written since the last call, as one batch. */
    DynamodbEvent next() {
        var response = streams.getRecords(b -> b.shardIterator(iterator));
        iterator = response.nextShardIterator();
        List<DynamodbEvent.DynamodbStreamRecord> records = new ArrayList<>();
        for (Record r : response.records()) {
            records.add(convert(r));
        }
        DynamodbEvent event = new DynamodbEvent();
        event.setRecords(records);
        return event;
    }

    /** The same batch with only the records whose sequence numbers are given (a partial batch retry). */
    static DynamodbEvent only(DynamodbEvent event, List<String> sequenceNumbers) {
        DynamodbEvent retry = new DynamodbEvent();
        retry.setRecords(event.getRecords().stream()
                .filter(r -> sequenceNumbers.contains(r.getDynamodb().getSequenceNumber())).toList());
        return retry;
    }

    private DynamodbEvent.DynamodbStreamRecord convert(Record r) {
        var out = new DynamodbEvent.DynamodbStreamRecord();
        out.setEventID(r.eventID());
        out.setEventName(r.eventNameAsString());
        out.setEventSource("aws:dynamodb");
        out.setEventSourceARN(streamArn);
        StreamRecord s = new StreamRecord();
        s.setSequenceNumber(r.dynamodb().sequenceNumber());
        if (r.dynamodb().approximateCreationDateTime() != null) {
            s.setApproximateCreationDateTime(Date.from(r.dynamodb().approximateCreationDateTime()));
        }
        s.setKeys(image(r.dynamodb().keys()));
        s.setNewImage(r.dynamodb().hasNewImage() ? image(r.dynamodb().newImage()) : null);
        s.setOldImage(r.dynamodb().hasOldImage() ? image(r.dynamodb().oldImage()) : null);
        out.setDynamodb(s);
        return out;
    }

    private static Map<String, com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue> image(
            Map<String, AttributeValue> sdk) {
        Map<String, com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue> out =
                new LinkedHashMap<>();
        sdk.forEach((k, v) -> out.put(k, value(v)));
        return out;
    }

    private static com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue value(AttributeValue v) {
        var out = new com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue();
        if (v.s() != null) {
            out.setS(v.s());
        } else if (v.n() != null) {
            out.setN(v.n());
        } else if (v.bool() != null) {
            out.setBOOL(v.bool());
        } else if (v.hasM()) {
            out.setM(image(v.m()));
        } else if (v.hasL()) {
            out.setL(v.l().stream().map(StreamReader::value).toList());
        } else if (v.hasSs()) {
            out.setSS(v.ss());
        } else if (v.b() != null) {
            out.setB(v.b().asByteBuffer());
        } else {
            out.setNULL(true);
        }
        return out;
    }
}
