package dev.doorstep.local;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;

/**
 * Serves on localhost the routes API Gateway serves in AWS, each through its function, plus the
 * local-only control routes under {@code /_local}. In the default {@link Delivery#IN_STEP} mode requests
 * are handled one at a time, and after each one the stream is drained, so what AWS would do
 * asynchronously has happened when the answer arrives. {@link Delivery#CONCURRENT} serves routes in
 * parallel, as API Gateway does, and leaves the stream to a background poller (see LocalRuntime).
 */
final class LocalHttpServer {

    /** How requests meet the stream: in step (deterministic, the default) or concurrently (bursts). */
    enum Delivery { IN_STEP, CONCURRENT }

    /** Local-only routes: return status and JSON body, or empty when the path is not theirs. */
    interface ControlRoutes {
        Optional<ControlAnswer> handle(String method, String path, Map<String, String> query) throws Exception;
    }

    private static final int MAX_BODY = 6 * 1024 * 1024; // API Gateway's payload limit is 10 MB; Lambda's 6 MB

    private final HttpServer server;
    private final List<ApiRoute> routes;
    private final ControlRoutes control;
    private final Runnable afterEachRequest;
    private final Delivery delivery;
    private final LocalClock clock;
    private final ObjectMapper json;
    private final Object lock = new Object();

    /**
     * Takes the port first, before anything else starts, so that a busy port is a one-line
     * {@link StartupFailure} and not an emulator left running.
     */
    static HttpServer bind(int port) {
        try {
            return HttpServer.create(new InetSocketAddress("127.0.0.1", port), 64);
        } catch (java.net.BindException busy) {
            throw StartupFailure.portInUse(port);
        } catch (IOException e) {
            throw new StartupFailure("could not listen on port " + port + " (" + e.getMessage()
                    + "); try another with --port or DOORSTEP_PORT", e);
        }
    }

    LocalHttpServer(HttpServer server, List<ApiRoute> routes, ControlRoutes control, Runnable afterEachRequest,
            Delivery delivery, LocalClock clock, ObjectMapper json) {
        this.routes = routes;
        this.control = control;
        this.afterEachRequest = afterEachRequest;
        this.delivery = delivery;
        this.clock = clock;
        this.json = json;
        this.server = server;
        server.createContext("/", this::handle);
        server.setExecutor(delivery == Delivery.CONCURRENT ? Executors.newVirtualThreadPerTaskExecutor()
                : Executors.newFixedThreadPool(4));
    }

    private APIGatewayV2HTTPResponse inStep(ApiRoute route, String eventJson) {
        synchronized (lock) {
            APIGatewayV2HTTPResponse response = invoke(route, eventJson);
            afterEachRequest.run();
            return response;
        }
    }

    private static APIGatewayV2HTTPResponse invoke(ApiRoute route, String eventJson) {
        return route.function().apply(LambdaEvents.read(eventJson, APIGatewayV2HTTPEvent.class));
    }

    void start() {
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    void stop() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        // The catch is inside the try-with-resources: there the exchange is still open, so the 500 reaches the
        // client (outside it, the exchange was already closed and the client only saw the connection drop).
        try (exchange) {
            try {
                serve(exchange);
            } catch (Exception | Error e) {
                // The path only: a query may carry a token (unsubscribe) that no log should hold.
                System.err.println("[doorstep-local] " + exchange.getRequestMethod() + " "
                        + exchange.getRequestURI().getPath() + " failed: " + e);
                e.printStackTrace();
                send(exchange, 500, "application/json", "{\"message\":\"Internal Server Error\"}");
            }
        }
    }

    private void serve(HttpExchange exchange) throws Exception {
        byte[] body = readBody(exchange.getRequestBody());
        if (body == null) {
            send(exchange, 413, "application/json", "{\"status\":\"rejected\",\"reason\":\"body too large\"}");
            return;
        }
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath();
        synchronized (lock) {
            Optional<ControlAnswer> local = control.handle(method, path, query(exchange));
            if (local.isPresent()) {
                if (local.get().allow() != null) {
                    exchange.getResponseHeaders().set("Allow", local.get().allow());
                }
                send(exchange, local.get().status(), "application/json",
                        json.writerWithDefaultPrettyPrinter().writeValueAsString(local.get().body()) + "\n");
                return;
            }
        }
        for (ApiRoute route : routes) {
            Optional<Map<String, String>> params = route.match(method, path);
            if (params.isPresent()) {
                String eventJson = HttpApiEvents.of(exchange, route, params.get(), body, clock.instant(), json);
                reply(exchange, delivery == Delivery.CONCURRENT ? invoke(route, eventJson) : inStep(route, eventJson));
                return;
            }
        }
        String allow = allowedMethods(path);
        if (!allow.isEmpty()) {
            // The path exists with other methods: what HTTP says (405 and Allow), not a 404.
            exchange.getResponseHeaders().set("Allow", allow);
            send(exchange, 405, "application/json", "{\"message\":\"Method Not Allowed\",\"allow\":\"" + allow + "\"}");
            return;
        }
        send(exchange, 404, "application/json", "{\"message\":\"Not Found\"}");
    }

    private String allowedMethods(String path) {
        java.util.Set<String> methods = new java.util.TreeSet<>();
        for (ApiRoute route : routes) {
            if (route.match(route.method(), path).isPresent()) {
                methods.add(route.method().toUpperCase(java.util.Locale.ROOT));
            }
        }
        return String.join(", ", methods);
    }

    private static void reply(HttpExchange exchange, APIGatewayV2HTTPResponse response) throws IOException {
        if (response.getHeaders() != null) {
            response.getHeaders().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
        }
        String body = response.getBody() == null ? "" : response.getBody();
        byte[] bytes = response.getIsBase64Encoded() ? Base64.getDecoder().decode(body)
                : body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(response.getStatusCode(), bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("content-type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static byte[] readBody(InputStream in) throws IOException {
        byte[] bytes = in.readNBytes(MAX_BODY + 1);
        return bytes.length > MAX_BODY ? null : bytes;
    }

    private static Map<String, String> query(HttpExchange exchange) {
        String raw = exchange.getRequestURI().getRawQuery();
        Map<String, String> out = new java.util.LinkedHashMap<>();
        if (raw == null) {
            return out;
        }
        for (String pair : raw.split("&")) {
            String[] kv = pair.split("=", 2);
            out.put(java.net.URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                    kv.length > 1 ? java.net.URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
        }
        return out;
    }
}
