package dev.doorstep.aftership;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The API key travels in a header: it must never go over plain HTTP off this machine, nor follow a redirect. */
class AfterShipTransportSafetyTest {

    private static final ApiKey KEY = new ApiKey("key-transport-0001");

    private final List<HttpServer> servers = new CopyOnWriteArrayList<>();
    private final List<String> keysSeenElsewhere = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        servers.forEach(s -> s.stop(0));
    }

    @Test
    void aRedirectIsNotFollowedSoTheKeyNeverReachesItsTarget() throws IOException {
        URI elsewhere = server(exchange -> {
            keysSeenElsewhere.add(String.valueOf(exchange.getRequestHeaders().getFirst("as-api-key")));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        URI redirecting = server(exchange -> {
            exchange.getResponseHeaders().add("location", elsewhere + "/couriers");
            exchange.sendResponseHeaders(301, -1);
            exchange.close();
        });
        AfterShipClient client = new AfterShipClient(AfterShipConfig.defaults(redirecting).withAttempts(1, 0));

        AfterShipResponse response = client.listCouriers(KEY);

        assertThat(response.status()).isEqualTo(301);
        assertThat(response.ok()).isFalse();
        assertThat(keysSeenElsewhere).as("nothing reached the redirect's target").isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://api.aftership.com", "http://10.0.0.5:8080", "http://localhost.evil.example",
            "ftp://api.aftership.com", "https://user:pw@api.aftership.com", "api.aftership.com"})
    void aBaseUrlThatWouldExposeTheKeyIsRefusedAtConstruction(String url) {
        assertThatThrownBy(() -> new AfterShipClient(AfterShipConfig.defaults(URI.create(url))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("AfterShip base URL");
        assertThatThrownBy(() -> AfterShipConfig.fromEnvironment(java.util.Map.of("AFTERSHIP_API_BASE_URL", url)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://api.aftership.com", "https://api.aftership.com/", "http://localhost:4010",
            "http://127.0.0.1:4010", "http://[::1]:4010"})
    void httpsAnywhereAndPlainHttpToThisMachineAreAccepted(String url) {
        assertThat(new AfterShipClient(AfterShipConfig.defaults(URI.create(url))).version()).isNotNull();
    }

    private URI server(com.sun.net.httpserver.HttpHandler handler) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", handler);
        server.start();
        servers.add(server);
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }
}
