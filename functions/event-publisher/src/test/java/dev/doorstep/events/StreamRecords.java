package dev.doorstep.events;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Record;
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
        response.records().forEach(r -> array.add(record(r)));
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

    private ObjectNode record(Record record) {
        ObjectNode out = JSON.createObjectNode();
        out.put("eventID", record.eventID());
        out.put("eventName", record.eventNameAsString());
        out.put("eventVersion", "1.1");
        out.put("eventSource", "aws:dynamodb");
        out.put("awsRegion", "us-east-1");
        out.put("eventSourceARN", streamArn);
        ObjectNode dynamodb = out.putObject("dynamodb");
        var r = record.dynamodb();
        if (r.approximateCreationDateTime() != null) {
            dynamodb.put("ApproximateCreationDateTime", r.approximateCreationDateTime().getEpochSecond());
        }
        dynamodb.set("Keys", image(r.keys()));
        if (r.hasNewImage()) {
            dynamodb.set("NewImage", image(r.newImage()));
        }
        if (r.hasOldImage()) {
            dynamodb.set("OldImage", image(r.oldImage()));
        }
        dynamodb.put("SequenceNumber", r.sequenceNumber());
        dynamodb.put("StreamViewType", r.streamViewTypeAsString());
        return out;
    }

    private static ObjectNode image(Map<String, AttributeValue> item) {
        ObjectNode node = JSON.createObjectNode();
        item.forEach((k, v) -> node.set(k, value(v)));
        return node;
    }

    private static ObjectNode value(AttributeValue v) {
        ObjectNode node = JSON.createObjectNode();
        switch (v.type()) {
            case S -> node.put("S", v.s());
            case N -> node.put("N", v.n());
            case B -> node.put("B", Base64.getEncoder().encodeToString(v.b().asByteArray()));
            case BOOL -> node.put("BOOL", v.bool());
            case NUL -> node.put("NULL", true);
            case SS -> v.ss().forEach(node.putArray("SS")::add);
            case NS -> v.ns().forEach(node.putArray("NS")::add);
            case M -> node.set("M", image(v.m()));
            case L -> {
                ArrayNode list = node.putArray("L");
                v.l().forEach(e -> list.add(value(e)));
            }
            default -> throw new IllegalArgumentException("unexpected attribute type " + v.type());
        }
        return node;
    }
}
