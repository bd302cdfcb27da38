package dev.doorstep.emulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Base64;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Record;

/**
 * Writes a DynamoDB Streams record as Lambda hands it to a function (the JSON of a
 * {@code DynamodbEvent} record), so it can go through the same filter patterns and the same
 * runtime deserializer as in AWS.
 */
public final class StreamRecordJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private StreamRecordJson() {
    }

    /**
     * @param ttlDelete mark the record as a TTL deletion ({@code userIdentity} of the DynamoDB
     *     service), which the emulator never does itself
     */
    public static ObjectNode of(Record record, String streamArn, boolean ttlDelete) {
        ObjectMapper json = JSON;
        ObjectNode out = json.createObjectNode();
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
        dynamodb.set("Keys", image(r.keys(), json));
        if (r.hasNewImage()) {
            dynamodb.set("NewImage", image(r.newImage(), json));
        }
        if (r.hasOldImage()) {
            dynamodb.set("OldImage", image(r.oldImage(), json));
        }
        dynamodb.put("SequenceNumber", r.sequenceNumber());
        if (r.sizeBytes() != null) {
            dynamodb.put("SizeBytes", r.sizeBytes());
        }
        dynamodb.put("StreamViewType", r.streamViewTypeAsString());
        if (ttlDelete) {
            // What DynamoDB puts on TTL deletions (and moto does not).
            out.putObject("userIdentity").put("type", "Service").put("principalId", "dynamodb.amazonaws.com");
        }
        return out;
    }

    private static ObjectNode image(Map<String, AttributeValue> item, ObjectMapper json) {
        ObjectNode node = json.createObjectNode();
        item.forEach((k, v) -> node.set(k, value(v, json)));
        return node;
    }

    private static ObjectNode value(AttributeValue v, ObjectMapper json) {
        ObjectNode node = json.createObjectNode();
        switch (v.type()) {
            case S -> node.put("S", v.s());
            case N -> node.put("N", v.n());
            case B -> node.put("B", base64(v.b()));
            case BOOL -> node.put("BOOL", v.bool());
            case NUL -> node.put("NULL", true);
            case SS -> v.ss().forEach(node.putArray("SS")::add);
            case NS -> v.ns().forEach(node.putArray("NS")::add);
            case BS -> {
                ArrayNode bs = node.putArray("BS");
                v.bs().forEach(b -> bs.add(base64(b)));
            }
            case M -> node.set("M", image(v.m(), json));
            case L -> {
                ArrayNode list = node.putArray("L");
                v.l().forEach(e -> list.add(value(e, json)));
            }
            default -> throw new IllegalArgumentException("unknown attribute type " + v.type());
        }
        return node;
    }

    private static String base64(SdkBytes bytes) {
        return Base64.getEncoder().encodeToString(bytes.asByteArray());
    }
}
