package dev.doorstep.bench;

import dev.doorstep.bench.probe.AwsCallCounter;
import dev.doorstep.bench.probe.FunctionProbe;
import dev.doorstep.bench.probe.NaiveDynamoDbWrite;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Where the child JVMs' pieces are: the JDK, the probe jar, the runtime's serializer, the naive jar. */
record Launcher(Path root, Path java, Path probeJar, Path serializationJar, Path naiveJar, Path work,
        BenchAccount account) {

    static Launcher find(Path root, BenchAccount account) throws Exception {
        Path target = root.resolve("infra/benchmarks/target");
        Path probe = target.resolve("doorstep-benchmarks-0.1.0-SNAPSHOT-probe.jar");
        Path naive = target.resolve("naive-baseline.jar");
        Path serialization = Path.of(com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers
                .class.getProtectionDomain().getCodeSource().getLocation().toURI());
        for (Path p : List.of(probe, naive)) {
            if (!Files.isRegularFile(p)) {
                throw new IllegalStateException(p + " is missing; build with ./mvnw -pl infra/benchmarks package");
            }
        }
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path work = Files.createDirectories(target.resolve("bench-work"));
        return new Launcher(root, java, probe, serialization, naive, work, account);
    }

    /** One container of {@code function}: its Lambda jar, then the probe and the serializer. */
    ChildJvm.Result function(LambdaFunction function, List<String> extraFlags, int invocations, List<Path> events) {
        return function(function, extraFlags, invocations, events, false);
    }

    /** @param countCalls also count the container's AWS calls (an SDK interceptor; not for timings that matter) */
    ChildJvm.Result function(LambdaFunction function, List<String> extraFlags, int invocations, List<Path> events,
            boolean countCalls) {
        return function(function, extraFlags, invocations, events, countCalls, account.freshTable());
    }

    ChildJvm.Result function(LambdaFunction function, List<String> extraFlags, int invocations, List<Path> events,
            boolean countCalls, String table) {
        List<String> args = new ArrayList<>(List.of(function.handler(), Integer.toString(invocations)));
        events.forEach(e -> args.add(e.toString()));
        List<Path> classpath = new ArrayList<>(List.of(function.jar(root), probeJar, serializationJar));
        return ChildJvm.run(java, flags(extraFlags, countCalls, classpath), classpath, FunctionProbe.class.getName(),
                args, account.environment(table), work.resolve(function.name() + ".log"));
    }

    /** The naive baseline: {@code writes} PutItems from a fresh JVM with the SDK's default set-up. */
    ChildJvm.Result naive(List<String> extraFlags, int writes) {
        return naive(extraFlags, writes, false);
    }

    ChildJvm.Result naive(List<String> extraFlags, int writes, boolean countCalls) {
        return naive(extraFlags, writes, countCalls, null);
    }

    /** @param template an item for the loop to write copies of (null: a three-attribute item) */
    ChildJvm.Result naive(List<String> extraFlags, int writes, boolean countCalls,
            Map<String, AttributeValue> template) {
        List<Path> classpath = new ArrayList<>(List.of(naiveJar));
        String table = account.freshTable();
        List<String> args = new ArrayList<>(List.of(Integer.toString(writes)));
        if (template != null) {
            Map<String, AttributeValue> item =
                    new HashMap<>(template);
            item.putAll(NaiveDynamoDbWrite.TEMPLATE_KEY);
            account.dynamo.putItem(b -> b.tableName(table).item(item));
            args.add(NaiveDynamoDbWrite.TEMPLATE);
        }
        return ChildJvm.run(java, flags(extraFlags, countCalls, classpath), classpath,
                NaiveDynamoDbWrite.class.getName(), args, account.environment(table),
                work.resolve("naive-baseline.log"));
    }

    private List<String> flags(List<String> extraFlags, boolean countCalls, List<Path> classpath) {
        List<String> flags = new ArrayList<>(ChildJvm.LAMBDA_FLAGS);
        flags.addAll(extraFlags);
        // For a look inside (a profiler, GC logs): -Dbench.childFlags=-XX:StartFlightRecording=...|-Xlog:gc (split at "|")
        String more = System.getProperty("bench.childFlags", "").strip();
        if (!more.isEmpty()) {
            flags.addAll(List.of(more.split("[|\\s]+")));
        }
        if (countCalls) {
            flags.add("-Dbench.countCalls=true");
            classpath.add(interceptors());
        }
        return flags;
    }

    /** A classpath folder holding only the SDK's global-interceptor file that names the call counter. */
    private Path interceptors() {
        try {
            Path dir = work.resolve("interceptors");
            Path file = dir.resolve("software/amazon/awssdk/global/handlers/execution.interceptors");
            Files.createDirectories(file.getParent());
            Files.writeString(file, AwsCallCounter.class.getName() + "\n");
            return dir;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
