package dev.doorstep.events;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.doorstep.emulator.StreamRecordJson;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * Reads what the table's stream really holds (from the emulator), writes it as the JSON Lambda hands a
 * function, and reads that back with the Lambda runtime's own serializer: the handler sees exactly
 * what it would see in AWS.
 */
final class StreamRecords {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final DynamoDbStreamsClient streams;
    private final String streamArn;
    private String iterator;

    StreamRecords(DynamoDbStreamsClient streams, String streamArn) {
        this.streams = streams;
        this.streamArn = streamArn;
        String shard = streams.describeStream(b -> b.streamArn(streamArn)).streamDescription().shards().getFirst()
                .shardId();
        iterator = streams.getShardIterator(b -> b.streamArn(streamArn).shardId(shard)
                .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
    }

    /** Every record written since the last call, as the Lambda JSON of one batch. */
    String nextJson() {
        var response = streams.getRecords(b -> b.shardIterator(iterator));
        iterator = response.nextShardIterator();
        ObjectNode event = JSON.createObjectNode();
        ArrayNode array = event.putArray("Records");
        response.records().forEach(r -> array.add(StreamRecordJson.of(r, streamArn, false)));
        return event.toString();
    }

    static DynamodbEvent read(String json) {
        return LambdaEventSerializers.serializerFor(DynamodbEvent.class, StreamRecords.class.getClassLoader())
                .fromJson(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    }

    /** The records of a batch, one event each, in order (to replay part of a batch). */
    static List<String> split(String json) throws Exception {
        List<String> out = new ArrayList<>();
        for (var r : JSON.readTree(json).path("Records")) {
            ObjectNode one = JSON.createObjectNode();
            one.putArray("Records").add(r);
            out.add(one.toString());
        }
        return out;
    }
}
