package dev.doorstep.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;

/**
 * Credentials the way Lambda hands them to a SnapStart function: no access-key variables, a local
 * container-credentials endpoint that answers only with the authorization token it was given.
 */
class AwsClientsTest {

    private static final String TOKEN = "snapstart-token-for-this-test";
    private static final String FULL_URI = "aws.containerCredentialsFullUri";
    private static final String AUTH_TOKEN = "aws.containerAuthorizationToken";

    private HttpServer endpoint;
    private final List<String> authorizations = new CopyOnWriteArrayList<>();

    @BeforeEach
    void serveContainerCredentials() throws IOException {
        endpoint = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        endpoint.createContext("/2021-04-23/credentials", exchange -> {
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            authorizations.add(String.valueOf(authorization));
            byte[] body;
            int status;
            if (TOKEN.equals(authorization)) {
                status = 200;
                body = ("{\"AccessKeyId\":\"ASIACONTAINERKEY\",\"SecretAccessKey\":\"container-secret\","
                        + "\"Token\":\"container-session\",\"Expiration\":\""
                        + Instant.now().plus(6, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS) + "\"}")
                        .getBytes(StandardCharsets.UTF_8);
            } else {
                status = 403;
                body = "{\"message\":\"bad token\"}".getBytes(StandardCharsets.UTF_8);
            }
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        endpoint.start();
    }

    @AfterEach
    void stop() {
        endpoint.stop(0);
        System.clearProperty(FULL_URI);
        System.clearProperty(AUTH_TOKEN);
    }

    private String fullUri() {
        return "http://127.0.0.1:" + endpoint.getAddress().getPort() + "/2021-04-23/credentials";
    }

    @Test
    void aSnapStartFunctionReadsItsCredentialsFromTheContainerEndpointWithItsToken() {
        System.setProperty(FULL_URI, fullUri());
        System.setProperty(AUTH_TOKEN, TOKEN);
        AwsCredentialsProvider provider = AwsClients.credentials(Map.of(
                AwsClients.CONTAINER_CREDENTIALS_FULL_URI, fullUri(), "AWS_REGION", "us-east-1"));

        AwsCredentials credentials = provider.resolveCredentials();

        assertThat(credentials.accessKeyId()).isEqualTo("ASIACONTAINERKEY");
        assertThat(credentials).isInstanceOf(AwsSessionCredentials.class);
        assertThat(((AwsSessionCredentials) credentials).sessionToken()).isEqualTo("container-session");
        assertThat(authorizations).containsOnly(TOKEN);
    }

    @Test
    void aWrongTokenIsRefusedByTheEndpointAndNoCredentialsAreMadeUp() {
        System.setProperty(FULL_URI, fullUri());
        System.setProperty(AUTH_TOKEN, "not-the-token");
        AwsCredentialsProvider provider = AwsClients.credentials(Map.of(
                AwsClients.CONTAINER_CREDENTIALS_FULL_URI, fullUri()));

        assertThatThrownBy(provider::resolveCredentials).hasMessageContaining("credentials");
        assertThat(authorizations).contains("not-the-token");
    }
}
