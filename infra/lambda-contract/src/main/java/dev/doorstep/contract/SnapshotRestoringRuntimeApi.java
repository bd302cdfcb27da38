package dev.doorstep.contract;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The Runtime API the function's runtime client talks to: RIE's, plus the one call RIE leaves out.
 * Under SnapStart the runtime client runs the CRaC hooks (the function's priming), then asks
 * {@code GET /runtime/restore/next} and carries on once Lambda has restored the snapshot; RIE serves
 * that call only in its init-caching mode, which never restores. Here the call is answered at once, as
 * after a restore, and everything else goes through to RIE unchanged.
 */
final class SnapshotRestoringRuntimeApi implements AutoCloseable {

    private static final Set<String> NOT_FORWARDED = Set.of("host", "content-length", "connection", "expect",
            "upgrade", "transfer-encoding");

    private final HttpServer server;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final URI rie;
    private final AtomicInteger restores = new AtomicInteger();

    private SnapshotRestoringRuntimeApi(HttpServer server, URI rie) {
        this.server = server;
        this.rie = rie;
    }

    static SnapshotRestoringRuntimeApi start(String rieRuntimeApi) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            SnapshotRestoringRuntimeApi api = new SnapshotRestoringRuntimeApi(server, URI.create("http://" + rieRuntimeApi));
            server.createContext("/", api::handle);
            // invocation/next is a long poll: one thread per call.
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            server.start();
            return api;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** host:port, the form of AWS_LAMBDA_RUNTIME_API. */
    String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    /** How many times the runtime client asked to be restored (once per SnapStart init). */
    int restores() {
        return restores.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            if (path.endsWith("/runtime/restore/next")) {
                restores.incrementAndGet();
                reply(exchange, 200, new byte[0]);
                return;
            }
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            String query = exchange.getRequestURI().getRawQuery();
            HttpRequest.Builder request = HttpRequest.newBuilder(rie.resolve(path + (query == null ? "" : "?" + query)))
                    .method(exchange.getRequestMethod(), body.length == 0
                            ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
            exchange.getRequestHeaders().forEach((name, values) -> {
                if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT))) {
                    values.forEach(v -> request.header(name, v));
                }
            });
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            response.headers().map().forEach((name, values) -> {
                if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":")) {
                    exchange.getResponseHeaders().put(name, List.copyOf(values));
                }
            });
            reply(exchange, response.statusCode(), response.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void reply(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
