package dev.doorstep.contract;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * One function's execution environment, as Lambda's java25 runtime makes it: the deployment jar
 * unpacked as the task root, the Runtime Interface Client started by a bootstrap under the Runtime
 * Interface Emulator, and the environment the template gives the function plus Lambda's reserved
 * variables, with SnapStart's initialisation type and credential shape. Started once; invoked any
 * number of times, like a warm container.
 */
public final class LambdaProcess implements AutoCloseable {

    private final LambdaFunctionSpec spec;
    private final Process rie;
    private final SnapshotRestoringRuntimeApi runtimeApi;
    private final Path taskRoot;
    private final Path log;
    private final URI invocations;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private long logOffset;

    private LambdaProcess(LambdaFunctionSpec spec, Process rie, SnapshotRestoringRuntimeApi runtimeApi, Path taskRoot,
            Path log, int port) {
        this.spec = spec;
        this.rie = rie;
        this.runtimeApi = runtimeApi;
        this.taskRoot = taskRoot;
        this.log = log;
        this.invocations = URI.create("http://127.0.0.1:" + port + "/2015-03-31/functions/function/invocations");
    }

    /**
     * @param local what only the local deployment adds: AWS_ENDPOINT_URL (the emulator) and the
     *              container-credentials pair of {@link ContainerCredentialsEndpoint}
     */
    public static LambdaProcess start(Path root, LambdaFunctionSpec spec, Map<String, String> local) {
        try {
            Path taskRoot = Files.createTempDirectory("doorstep-task-" + spec.logicalId() + "-");
            unzip(spec.codeUri(), taskRoot);
            Path log = Files.createTempFile("doorstep-" + spec.logicalId() + "-", ".log");
            int[] ports = freePorts(2);
            int rieApiPort = ports[0];
            int invokePort = ports[1];
            SnapshotRestoringRuntimeApi runtimeApi = SnapshotRestoringRuntimeApi.start("127.0.0.1:" + rieApiPort);

            Map<String, String> env = new LinkedHashMap<>(reservedVariables(spec, taskRoot));
            env.putAll(spec.environment());
            env.putAll(local);
            env.put("DOORSTEP_RUNTIME_API", runtimeApi.address()); // read and removed by the bootstrap

            Path java = Path.of(System.getProperty("java.home"), "bin", "java");
            Path runtimeLib = root.resolve("infra/lambda-contract/target/lambda-runtime");
            if (!Files.isDirectory(runtimeLib)) {
                throw new IllegalStateException(runtimeLib + " is missing: build infra/lambda-contract first");
            }
            ProcessBuilder builder = new ProcessBuilder(RieBinary.find(root).toString(),
                    "--log-level", "warn",
                    "--runtime-api-address", "127.0.0.1:" + rieApiPort,
                    "--runtime-interface-emulator-address", "127.0.0.1:" + invokePort,
                    root.resolve("infra/lambda-contract/bootstrap").toString(), java.toString(), runtimeLib.toString(),
                    spec.handler())
                    .directory(taskRoot.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            // RIE hands its own environment to the function: it gets exactly this and nothing of ours.
            builder.environment().clear();
            builder.environment().putAll(env);
            LambdaProcess process = new LambdaProcess(spec, builder.start(), runtimeApi, taskRoot, log, invokePort);
            process.awaitListening(invokePort);
            return process;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What the managed runtime sets for a SnapStart function's published version (Lambda's reserved variables). */
    static Map<String, String> reservedVariables(LambdaFunctionSpec spec, Path taskRoot) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("AWS_REGION", LocalStackValues.REGION);
        env.put("AWS_DEFAULT_REGION", LocalStackValues.REGION);
        env.put("AWS_EXECUTION_ENV", "AWS_Lambda_java25");
        env.put("AWS_LAMBDA_FUNCTION_NAME", LocalStackValues.STACK + "-" + spec.logicalId());
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(spec.memoryMb()));
        env.put("AWS_LAMBDA_FUNCTION_VERSION", "1"); // the version the live alias points at
        env.put("AWS_LAMBDA_INITIALIZATION_TYPE", "snap-start");
        env.put("AWS_LAMBDA_LOG_GROUP_NAME", spec.logGroup());
        env.put("AWS_LAMBDA_LOG_STREAM_NAME", "2026/01/01/[1]" + UUID.randomUUID().toString().replace("-", ""));
        env.put("AWS_XRAY_CONTEXT_MISSING", "LOG_ERROR"); // Tracing: Active
        env.put("AWS_XRAY_DAEMON_ADDRESS", "127.0.0.1:2000");
        env.put("LAMBDA_TASK_ROOT", taskRoot.toString());
        env.put("LAMBDA_RUNTIME_DIR", "/var/runtime");
        env.put("LANG", "en_US.UTF-8");
        env.put("TZ", ":UTC");
        env.put("PATH", "/usr/local/bin:/usr/bin/:/bin:/opt/bin");
        return env;
    }

    /** Invokes the function with {@code event} and returns its response and the log lines it wrote. */
    public Invocation invoke(String event) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(invocations)
                    .timeout(Duration.ofSeconds(spec.timeoutSeconds() + 60L))
                    .POST(HttpRequest.BodyPublishers.ofString(event)).build(), HttpResponse.BodyHandlers.ofString());
            return new Invocation(response.statusCode(), response.body(), newLogs());
        } catch (IOException e) {
            throw new UncheckedIOException("invoking " + spec.logicalId() + " failed; its log: " + newLogs(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** How many times the runtime client came back from a (simulated) snapshot restore. */
    public int restores() {
        return runtimeApi.restores();
    }

    /** The whole log so far: the init (priming included) and every invocation. */
    public String allLogs() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The environment the runtime process (java, RIE's child) really has, read from /proc: what the
     * function's code sees through System.getenv.
     */
    public Map<String, String> runtimeEnvironment() {
        ProcessHandle java = rie.descendants().filter(p -> p.info().command().orElse("").endsWith("/java"))
                .findFirst().orElseThrow(() -> new IllegalStateException("no runtime process under RIE"));
        try {
            Map<String, String> env = new LinkedHashMap<>();
            for (String entry : Files.readString(Path.of("/proc", Long.toString(java.pid()), "environ")).split("\0")) {
                int eq = entry.indexOf('=');
                if (eq > 0) {
                    env.put(entry.substring(0, eq), entry.substring(eq + 1));
                }
            }
            return env;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public LambdaFunctionSpec spec() {
        return spec;
    }

    /** Everything written to the log since the last call: the function's output and RIE's warnings. */
    private String newLogs() {
        try {
            byte[] all = Files.readAllBytes(log);
            String text = new String(all, (int) Math.min(logOffset, all.length),
                    (int) Math.max(0, all.length - logOffset), StandardCharsets.UTF_8);
            logOffset = all.length;
            return text;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitListening(int port) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            if (!rie.isAlive()) {
                throw new IllegalStateException("aws-lambda-rie exited with " + rie.exitValue() + ": " + newLogs());
            }
            try (Socket ignored = new Socket(InetAddress.getLoopbackAddress(), port)) {
                return;
            } catch (ConnectException notYet) {
                sleep();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        close();
        throw new IllegalStateException("aws-lambda-rie did not listen on " + port + ": " + newLogs());
    }

    @Override
    public void close() {
        // The runtime (java) is RIE's child: stop it with RIE, both started here.
        Stream.concat(rie.descendants(), Stream.of(rie.toHandle())).forEach(ProcessHandle::destroy);
        try {
            if (!rie.waitFor(5, TimeUnit.SECONDS)) {
                rie.descendants().forEach(ProcessHandle::destroyForcibly);
                rie.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        runtimeApi.close();
        deleteTree(taskRoot);
    }

    private static void unzip(Path jar, Path into) throws IOException {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: ./mvnw package builds every function's jar");
        }
        try (InputStream in = Files.newInputStream(jar); ZipInputStream zip = new ZipInputStream(in)) {
            for (ZipEntry entry; (entry = zip.getNextEntry()) != null; ) {
                Path target = into.resolve(entry.getName()).normalize();
                if (!target.startsWith(into)) {
                    throw new IOException("bad entry " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(zip, target);
                }
            }
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp dir left behind is harmless
        }
    }

    /** Distinct free loopback ports: all held open until all are chosen, so none is handed out twice. */
    private static int[] freePorts(int count) {
        ServerSocket[] sockets = new ServerSocket[count];
        try {
            int[] ports = new int[count];
            for (int i = 0; i < count; i++) {
                sockets[i] = new ServerSocket(0, 0, InetAddress.getLoopbackAddress());
                ports[i] = sockets[i].getLocalPort();
            }
            return ports;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            for (ServerSocket socket : sockets) {
                if (socket != null) {
                    try {
                        socket.close();
                    } catch (IOException ignored) {
                        // closing a probe socket
                    }
                }
            }
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
