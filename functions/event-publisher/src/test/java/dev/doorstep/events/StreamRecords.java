package dev.doorstep.events;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.doorstep.emulator.TableStream;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * Reads what the table's stream really holds (from the emulator), writes it as the JSON Lambda hands a
 * function, and reads that back with the Lambda runtime's own serializer: the handler sees exactly
 * what it would see in AWS.
 */
final class StreamRecords {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final TableStream stream;

    StreamRecords(DynamoDbStreamsClient streams, String streamArn) {
        this.stream = new TableStream(streams, streamArn);
    }

    /** Every record written since the last call, as the Lambda JSON of one batch. */
    String nextJson() {
        return stream.nextJson();
    }

    static DynamodbEvent read(String json) {
        return TableStream.read(json);
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
