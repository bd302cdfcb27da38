package dev.doorstep.store;

import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;

/**
 * Converts a stream record's image (the Lambda events library's AttributeValue) into SDK v2
 * attribute values, so that one mapper serves both the table and the stream.
 */
public final class StreamImages {

    private StreamImages() {
    }

    public static Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> toSdk(
            Map<String, AttributeValue> image) {
        Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> out = new LinkedHashMap<>();
        if (image != null) {
            image.forEach((k, v) -> out.put(k, toSdk(v)));
        }
        return out;
    }

    public static software.amazon.awssdk.services.dynamodb.model.AttributeValue toSdk(AttributeValue v) {
        var b = software.amazon.awssdk.services.dynamodb.model.AttributeValue.builder();
        if (v.getS() != null) {
            return b.s(v.getS()).build();
        }
        if (v.getN() != null) {
            return b.n(v.getN()).build();
        }
        if (v.getB() != null) {
            return b.b(SdkBytes.fromByteBuffer(v.getB().duplicate())).build();
        }
        if (v.getBOOL() != null) {
            return b.bool(v.getBOOL()).build();
        }
        if (v.getM() != null) {
            return b.m(toSdk(v.getM())).build();
        }
        if (v.getL() != null) {
            return b.l(v.getL().stream().map(StreamImages::toSdk).toList()).build();
        }
        if (v.getSS() != null) {
            return b.ss(v.getSS()).build();
        }
        if (v.getNS() != null) {
            return b.ns(v.getNS()).build();
        }
        if (v.getBS() != null) {
            List<SdkBytes> bytes = v.getBS().stream().map(bb -> SdkBytes.fromByteBuffer(bb.duplicate())).toList();
            return b.bs(bytes).build();
        }
        return b.nul(true).build();
    }
}
