package dev.doorstep.emulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * moto's server mode, installed by {@code infra/emulator/moto-venv.sh} into the project's
 * {@code .venv} and started on a free loopback port through {@code infra/emulator/moto/doorstep_moto_server.py},
 * which makes moto's DynamoDB writes atomic under concurrency (see that file for why). Owned by this
 * JVM: reset at will, stopped at exit.
 */
public final class MotoServer implements AwsEmulator {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final Process process;
    private final URI endpoint;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private MotoServer(Process process, URI endpoint) {
        this.process = process;
        this.endpoint = endpoint;
    }

    /** Installs moto if the virtualenv lacks it, starts it, and waits until it answers. */
    public static MotoServer start() {
        Path root = ProjectRoot.find();
        Path python = root.resolve(".venv/bin/python");
        Path server = root.resolve("infra/emulator/moto/doorstep_moto_server.py");
        runSetupScript(root);
        int port = freePort();
        try {
            Path log = Files.createTempFile("doorstep-moto-", ".log");
            Process process = new ProcessBuilder(python.toString(), server.toString(), "-H", "127.0.0.1", "-p", Integer.toString(port))
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            MotoServer moto = new MotoServer(process, URI.create("http://127.0.0.1:" + port));
            moto.awaitReady(log);
            Runtime.getRuntime().addShutdownHook(new Thread(moto::stop, "moto-stop"));
            return moto;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start moto_server from " + server, e);
        }
    }

    private static void runSetupScript(Path root) {
        Path script = root.resolve("infra/emulator/moto-venv.sh");
        try {
            Process setup = new ProcessBuilder("bash", script.toString()).inheritIO().start();
            if (!setup.waitFor(10, TimeUnit.MINUTES) || setup.exitValue() != 0) {
                throw new IllegalStateException(script + " failed; run it by hand to see why");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void awaitReady(Path log) {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("moto_server exited with " + process.exitValue() + "; see " + log);
            }
            try {
                HttpResponse<Void> r = http.send(HttpRequest.newBuilder(endpoint.resolve("/moto-api/"))
                        .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(100);
        }
        stop();
        throw new IllegalStateException("moto_server did not answer within " + START_TIMEOUT + "; see " + log);
    }

    /** The server's process id, for watching its memory (/proc/PID/status) in soak tests. */
    public long pid() {
        return process.pid();
    }

    @Override
    public String kind() {
        return "moto";
    }

    @Override
    public URI endpoint() {
        return endpoint;
    }

    @Override
    public void reset() {
        post("/moto-api/reset");
    }

    @Override
    public SentEmails sentEmails() {
        return new EmulatorSentEmails(endpoint);
    }

    public void stop() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private void post(String path) {
        try {
            HttpResponse<Void> r = http.send(HttpRequest.newBuilder(endpoint.resolve(path))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
            if (r.statusCode() / 100 != 2) {
                throw new IllegalStateException("moto " + path + " answered " + r.statusCode());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 0, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
