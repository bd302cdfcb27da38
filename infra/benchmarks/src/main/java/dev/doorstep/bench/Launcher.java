package dev.doorstep.bench;

import dev.doorstep.bench.probe.FunctionProbe;
import dev.doorstep.bench.probe.NaiveDynamoDbWrite;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

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
        List<String> flags = new ArrayList<>(ChildJvm.LAMBDA_FLAGS);
        flags.addAll(extraFlags);
        List<String> args = new ArrayList<>(List.of(function.handler(), Integer.toString(invocations)));
        events.forEach(e -> args.add(e.toString()));
        return ChildJvm.run(java, flags, List.of(function.jar(root), probeJar, serializationJar),
                FunctionProbe.class.getName(), args, account.environment(account.freshTable()),
                work.resolve(function.name() + ".log"));
    }

    /** The naive baseline: {@code writes} PutItems from a fresh JVM with the SDK's default set-up. */
    ChildJvm.Result naive(List<String> extraFlags, int writes) {
        List<String> flags = new ArrayList<>(ChildJvm.LAMBDA_FLAGS);
        flags.addAll(extraFlags);
        return ChildJvm.run(java, flags, List.of(naiveJar), NaiveDynamoDbWrite.class.getName(),
                List.of(Integer.toString(writes)), account.environment(account.freshTable()),
                work.resolve("naive-baseline.log"));
    }
}
