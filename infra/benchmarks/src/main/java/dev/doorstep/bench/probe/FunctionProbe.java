package dev.doorstep.bench.probe;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What the Lambda runtime does for one container, in a fresh JVM next to a function's deployment jar:
 * build the handler with its no-argument constructor (the init phase), read the event with the
 * runtime's own serializer, invoke, write the response with the same serializer (for a
 * {@code RequestStreamHandler}: hand it the event's bytes and take what it writes). Prints one line per
 * fact on stdout for the parent benchmark to read; the parent times the process from its start to the
 * {@code FIRST_RESPONSE} line.
 *
 * <p>Arguments: handler class, number of invocations, then one or more event files used in turn. With
 * {@code -Dbench.prime=true} the function's SnapStart priming runs after the constructor, and
 * {@code invoke_ms} is then what a copy restored from the snapshot would pay on its first request.
 */
public final class FunctionProbe {

    private FunctionProbe() {
    }

    public static void main(String[] args) throws Exception {
        long start = System.nanoTime();
        Class<?> handlerClass = Class.forName(args[0]);
        int invocations = Integer.parseInt(args[1]);
        List<Path> events = new ArrayList<>();
        for (int i = 2; i < args.length; i++) {
            events.add(Path.of(args[i]));
        }
        Object instance = handlerClass.getConstructor().newInstance();
        long initialised = System.nanoTime();
        String primed = "";
        if (Boolean.getBoolean("bench.prime")) {
            // What SnapStart runs before its snapshot; a restored copy then starts from here.
            Class.forName("dev.doorstep.lambda.SnapStartPriming").getMethod("runAll").invoke(null);
            primed = " prime_ms=" + millis(System.nanoTime() - initialised);
            initialised = System.nanoTime();
        }

        ProbeContext context = new ProbeContext(handlerClass.getSimpleName());
        Invoker handler = instance instanceof RequestStreamHandler stream
                ? event -> invokeStream(stream, event, context)
                : typed(instance, handlerClass, context);

        String first = handler.invoke(events.getFirst());
        long answered = System.nanoTime();
        System.out.println("FIRST_RESPONSE init_ms=" + millis(initialised - start) + primed + " invoke_ms="
                + millis(answered - initialised) + " response=" + first);
        System.out.flush();

        long burstStart = System.nanoTime();
        for (int i = 1; i < invocations; i++) {
            handler.invoke(events.get(i % events.size()));
        }
        long burstNanos = System.nanoTime() - burstStart;
        System.out.println("BURST invocations=" + (invocations - 1) + " nanos=" + burstNanos);
        System.out.println("HEAP_PEAK bytes=" + HeapPeak.bytes());
        if (Boolean.getBoolean("bench.countCalls")) {
            System.out.println("CALLS " + Class.forName("dev.doorstep.bench.probe.AwsCallCounter")
                    .getMethod("summary").invoke(null));
        }
        System.out.flush();
        System.exit(0); // the SDK's idle-connection reapers must not keep the JVM alive
    }

    /** One invocation: the event file in, the response (shortened) out. */
    @FunctionalInterface
    private interface Invoker {
        String invoke(Path event) throws Exception;
    }

    /** A {@code RequestHandler<I, O>}: the runtime sets up its serializers for I and O, then reads and writes. */
    @SuppressWarnings("unchecked")
    private static Invoker typed(Object instance, Class<?> handlerClass, ProbeContext context) {
        RequestHandler<Object, Object> handler = (RequestHandler<Object, Object>) instance;
        Type[] io = requestHandlerTypes(handlerClass);
        ClassLoader loader = FunctionProbe.class.getClassLoader();
        PojoSerializer<Object> input = serializer(io[0], loader);
        PojoSerializer<Object> output = io[1] == Void.class ? null : serializer(io[1], loader);
        return event -> invoke(handler, input, output, event, context);
    }

    /** A {@code RequestStreamHandler}: the runtime passes the event's bytes and returns what it writes. */
    private static String invokeStream(RequestStreamHandler handler, Path event, ProbeContext context)
            throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (InputStream in = Files.newInputStream(event)) {
            handler.handleRequest(in, bytes, context);
        }
        String json = bytes.toString(java.nio.charset.StandardCharsets.UTF_8);
        return json.isEmpty() ? "null" : json.length() > 160 ? json.substring(0, 160) + "..." : json;
    }

    private static String invoke(RequestHandler<Object, Object> handler, PojoSerializer<Object> input,
            PojoSerializer<Object> output, Path event, ProbeContext context) throws Exception {
        long started = System.nanoTime();
        Object request;
        try (InputStream in = Files.newInputStream(event)) {
            request = input.fromJson(in);
        }
        long read = System.nanoTime();
        Object response = handler.handleRequest(request, context);
        long handled = System.nanoTime();
        if (output == null || response == null) {
            return "null";
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        output.toJson(response, bytes);
        if (Boolean.getBoolean("bench.phases")) {
            System.err.println("PHASES read_event_ms=" + millis(read - started) + " handler_ms="
                    + millis(handled - read) + " write_response_ms=" + millis(System.nanoTime() - handled));
        }
        String json = bytes.toString(java.nio.charset.StandardCharsets.UTF_8);
        return json.length() > 160 ? json.substring(0, 160) + "..." : json;
    }


    @SuppressWarnings("unchecked")
    private static PojoSerializer<Object> serializer(Type type, ClassLoader loader) {
        Class<?> raw = type instanceof ParameterizedType p ? (Class<?>) p.getRawType() : (Class<?>) type;
        return (PojoSerializer<Object>) LambdaEventSerializers.serializerFor(raw, loader);
    }

    private static Type[] requestHandlerTypes(Class<?> handlerClass) {
        for (Class<?> c = handlerClass; c != null; c = c.getSuperclass()) {
            for (Type t : c.getGenericInterfaces()) {
                if (t instanceof ParameterizedType p && p.getRawType() == RequestHandler.class) {
                    return p.getActualTypeArguments();
                }
            }
        }
        throw new IllegalArgumentException(handlerClass + " does not implement RequestHandler<I, O>");
    }

    private static String millis(long nanos) {
        return String.format(java.util.Locale.ROOT, "%.1f", nanos / 1e6);
    }
}
