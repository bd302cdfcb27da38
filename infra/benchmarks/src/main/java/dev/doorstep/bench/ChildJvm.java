package dev.doorstep.bench;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Starts a fresh JVM the way Lambda starts a container (its java25 JVM flags, the function's
 * environment only) and reads the probe's lines. Cold start is the wall time from launching the
 * process to the probe's {@code FIRST_RESPONSE} line.
 */
final class ChildJvm {

    /** Lambda's java25 defaults without SnapStart: C1 only, serial GC (reference/aws.md). */
    static final List<String> LAMBDA_FLAGS = List.of("-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1",
            "-XX:+UseSerialGC");
    private static final Pattern FIELD = Pattern.compile("(\\w+)=(\\S+)");

    record Result(double coldStartMillis, double initMillis, double invokeMillis, String response, int burstInvocations,
            long burstNanos, long heapPeakBytes, String calls, int exitCode) {

        double invocationsPerSecond() {
            return burstNanos == 0 ? Double.NaN : burstInvocations / (burstNanos / 1e9);
        }
    }

    private ChildJvm() {
    }

    static Result run(Path java, List<String> jvmFlags, List<Path> classpath, String mainClass, List<String> args,
            Map<String, String> env, Path log) {
        List<String> command = new ArrayList<>();
        command.add(java.toString());
        command.addAll(jvmFlags);
        command.add("-cp");
        command.add(String.join(File.pathSeparator, classpath.stream().map(Path::toString).toList()));
        command.add(mainClass);
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().clear();
        builder.environment().put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        builder.environment().put("HOME", System.getProperty("java.io.tmpdir"));
        builder.environment().putAll(env);
        double cold = Double.NaN;
        double init = Double.NaN;
        double invoke = Double.NaN;
        String response = "";
        int burst = 0;
        long burstNanos = 0;
        long heap = 0;
        String calls = "";
        long started = System.nanoTime();
        try {
            Process process = builder.start();
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                    if (line.startsWith("FIRST_RESPONSE ")) {
                        cold = (System.nanoTime() - started) / 1e6;
                        init = Double.parseDouble(field(line, "init_ms"));
                        invoke = Double.parseDouble(field(line, "invoke_ms"));
                        int at = line.indexOf("response=");
                        response = at < 0 ? "" : line.substring(at + "response=".length());
                    } else if (line.startsWith("BURST ")) {
                        burst = Integer.parseInt(field(line, "invocations"));
                        burstNanos = Long.parseLong(field(line, "nanos"));
                    } else if (line.startsWith("HEAP_PEAK ")) {
                        heap = Long.parseLong(field(line, "bytes"));
                    } else if (line.startsWith("CALLS ")) {
                        calls = line.substring("CALLS ".length());
                    }
                }
            }
            if (!process.waitFor(5, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException(mainClass + " did not finish; see " + log);
            }
            return new Result(cold, init, invoke, response, burst, burstNanos, heap, calls, process.exitValue());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String field(String line, String name) {
        Matcher m = FIELD.matcher(line);
        while (m.find()) {
            if (m.group(1).equals(name)) {
                return m.group(2);
            }
        }
        return "0";
    }
}
