package dev.doorstep.emulator;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * A table's real stream on the emulator, read from its oldest record onwards and handed over the
 * way Lambda's event source mapping hands it to a function: as the event's JSON, turned into a
 * {@link DynamodbEvent} by the Lambda Java runtime's own serializer.
 */
public final class TableStream {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final DynamoDbStreamsClient streams;
    private final String streamArn;
    private final Map<String, String> iterators = new LinkedHashMap<>();

    public TableStream(DynamoDbStreamsClient streams, String streamArn) {
        this.streams = streams;
        this.streamArn = streamArn;
    }

    public String streamArn() {
        return streamArn;
    }

    /** Every record written since the last call, from every shard. */
    public List<Record> nextRecords() {
        List<Record> out = new ArrayList<>();
        for (Shard shard : streams.describeStream(b -> b.streamArn(streamArn)).streamDescription().shards()) {
            String iterator = iterators.computeIfAbsent(shard.shardId(), id -> streams.getShardIterator(b -> b
                    .streamArn(streamArn).shardId(id).shardIteratorType(ShardIteratorType.TRIM_HORIZON))
                    .shardIterator());
            if (iterator == null) {
                continue; // a closed shard read to its end
            }
            var page = streams.getRecords(b -> b.shardIterator(iterator));
            out.addAll(page.records());
            iterators.put(shard.shardId(), page.nextShardIterator());
        }
        return out;
    }

    /** Every record written since the last call, as the JSON of one Lambda batch. */
    public String nextJson() {
        return json(nextRecords());
    }

    /** Every record written since the last call, as one batch, read as the Lambda runtime reads it. */
    public DynamodbEvent next() {
        return read(nextJson());
    }

    /** The Lambda batch JSON of {@code records}. */
    public String json(List<Record> records) {
        ObjectNode event = JSON.createObjectNode();
        ArrayNode array = event.putArray("Records");
        records.forEach(r -> array.add(StreamRecordJson.of(r, streamArn, false)));
        return event.toString();
    }

    /** Batch JSON into the event object, with the Lambda Java runtime's serializer. */
    public static DynamodbEvent read(String json) {
        return LambdaEventSerializers.serializerFor(DynamodbEvent.class, TableStream.class.getClassLoader())
                .fromJson(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    }
}
