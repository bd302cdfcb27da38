package dev.doorstep.mail;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.retry.RetryPolicy;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sesv2.SesV2Client;

/**
 * An HTTP endpoint that answers every SES v2 call with one scripted error, in SES's REST-JSON wire
 * format (status, {@code x-amzn-ErrorType}, {@code {"message": ...}}): the errors the emulator cannot
 * produce (AccessDenied, the sandbox's unverified recipient).
 */
final class StubSes implements AutoCloseable {

    private final HttpServer server;
    private volatile int status = 500;
    private volatile String type = "InternalFailure";
    private volatile String message = "";

    private StubSes(HttpServer server) {
        this.server = server;
    }

    static StubSes start() throws IOException {
        StubSes stub = new StubSes(HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0));
        stub.server.createContext("/", exchange -> {
            byte[] body = ("{\"message\":\"" + stub.message.replace("\"", "'") + "\"}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.getResponseHeaders().add("x-amzn-ErrorType", stub.type);
            exchange.sendResponseHeaders(stub.status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        stub.server.start();
        return stub;
    }

    void answer(int status, String type, String message) {
        this.status = status;
        this.type = type;
        this.message = message;
    }

    SesV2Client client() {
        return SesV2Client.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + server.getAddress().getPort()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .overrideConfiguration(c -> c.retryPolicy(RetryPolicy.none()))
                .build();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
