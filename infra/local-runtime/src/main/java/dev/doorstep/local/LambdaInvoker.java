package dev.doorstep.local;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;

/**
 * Hands a function the payload bytes AWS would send, the way the Lambda Java runtime does: a
 * {@link RequestStreamHandler} reads the bytes itself; a {@link RequestHandler} gets them turned into
 * its declared input type by the runtime's own serializer (so a payload that would fail in AWS fails here).
 */
final class LambdaInvoker {

    private LambdaInvoker() {
    }

    /** Returns the function's answer as JSON text (empty when it wrote nothing). */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static String invoke(Object handler, byte[] payload, Context context) {
        if (handler instanceof RequestStreamHandler stream) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try {
                stream.handleRequest(new ByteArrayInputStream(payload), out, context);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return out.toString(StandardCharsets.UTF_8);
        }
        if (handler instanceof RequestHandler typed) {
            Object input = LambdaEvents.read(new String(payload, StandardCharsets.UTF_8), inputType(handler.getClass()));
            Object answer = typed.handleRequest(input, context);
            return answer == null ? "" : String.valueOf(answer);
        }
        throw new IllegalArgumentException(handler.getClass() + " is not a Lambda handler");
    }

    private static Class<?> inputType(Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            for (Type t : c.getGenericInterfaces()) {
                if (t instanceof ParameterizedType p && p.getRawType() == RequestHandler.class
                        && p.getActualTypeArguments()[0] instanceof Class<?> input) {
                    return input;
                }
            }
        }
        throw new IllegalArgumentException(type + " does not declare its RequestHandler input type");
    }
}
