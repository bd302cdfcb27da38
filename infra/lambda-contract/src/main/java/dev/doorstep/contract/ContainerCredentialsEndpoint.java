package dev.doorstep.contract;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What Lambda gives a SnapStart function instead of credential variables: an HTTP endpoint named by
 * {@code AWS_CONTAINER_CREDENTIALS_FULL_URI} that serves temporary credentials to a caller presenting
 * {@code AWS_CONTAINER_AUTHORIZATION_TOKEN} in its Authorization header, and refuses anyone else. It
 * counts both, so a test can tell credentials were really fetched this way.
 */
public final class ContainerCredentialsEndpoint implements AutoCloseable {

    private static final String PATH = "/2021-04-23/credentials";

    private final HttpServer server;
    private final String token = UUID.randomUUID().toString();
    private final AtomicInteger served = new AtomicInteger();
    private final AtomicInteger refused = new AtomicInteger();

    private ContainerCredentialsEndpoint(HttpServer server) {
        this.server = server;
    }

    public static ContainerCredentialsEndpoint start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            ContainerCredentialsEndpoint endpoint = new ContainerCredentialsEndpoint(server);
            server.createContext(PATH, exchange -> {
                byte[] body;
                if (endpoint.token.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                    endpoint.served.incrementAndGet();
                    // Temporary credentials as Lambda's endpoint returns them (the emulator accepts any key).
                    body = ("{\"AccessKeyId\":\"ASIACONTRACTSUITE\",\"SecretAccessKey\":\"testing\","
                            + "\"Token\":\"contract-session\",\"Expiration\":\""
                            + Instant.now().plus(6, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS) + "\"}")
                            .getBytes(StandardCharsets.UTF_8);
                    exchange.getResponseHeaders().add("Content-Type", "application/json");
                    exchange.sendResponseHeaders(200, body.length);
                } else {
                    endpoint.refused.incrementAndGet();
                    body = "{\"message\":\"Authorization token is missing or wrong\"}".getBytes(StandardCharsets.UTF_8);
                    exchange.sendResponseHeaders(403, body.length);
                }
                try (var out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            server.start();
            return endpoint;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The two variables SnapStart sets for the function. */
    public Map<String, String> environment() {
        return Map.of("AWS_CONTAINER_CREDENTIALS_FULL_URI",
                "http://127.0.0.1:" + server.getAddress().getPort() + PATH,
                "AWS_CONTAINER_AUTHORIZATION_TOKEN", token);
    }

    public int served() {
        return served.get();
    }

    public int refused() {
        return refused.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
