package dev.doorstep.bench.probe;

import com.amazonaws.services.lambda.runtime.RequestHandler;
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
 * runtime's own serializer, invoke, write the response with the same serializer. Prints one line per
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
        @SuppressWarnings("unchecked")
        RequestHandler<Object, Object> handler =
                (RequestHandler<Object, Object>) handlerClass.getConstructor().newInstance();
        long initialised = System.nanoTime();
        String primed = "";
        if (Boolean.getBoolean("bench.prime")) {
            // What SnapStart runs before its snapshot; a restored copy then starts from here.
            Class.forName("dev.doorstep.lambda.SnapStartPriming").getMethod("runAll").invoke(null);
            primed = " prime_ms=" + millis(System.nanoTime() - initialised);
            initialised = System.nanoTime();
        }

        Type[] io = requestHandlerTypes(handlerClass);
        ClassLoader loader = FunctionProbe.class.getClassLoader();
        PojoSerializer<Object> input = serializer(io[0], loader);
        PojoSerializer<Object> output = io[1] == Void.class ? null : serializer(io[1], loader);
        ProbeContext context = new ProbeContext(handlerClass.getSimpleName());

        String first = invoke(handler, input, output, events.getFirst(), context);
        long answered = System.nanoTime();
        System.out.println("FIRST_RESPONSE init_ms=" + millis(initialised - start) + primed + " invoke_ms="
                + millis(answered - initialised) + " response=" + first);
        System.out.flush();

        long burstStart = System.nanoTime();
        for (int i = 1; i < invocations; i++) {
            invoke(handler, input, output, events.get(i % events.size()), context);
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

    private static String invoke(RequestHandler<Object, Object> handler, PojoSerializer<Object> input,
            PojoSerializer<Object> output, Path event, ProbeContext context) throws Exception {
        Object request;
        try (InputStream in = Files.newInputStream(event)) {
            request = input.fromJson(in);
        }
        Object response = handler.handleRequest(request, context);
        if (output == null || response == null) {
            return "null";
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        output.toJson(response, bytes);
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
