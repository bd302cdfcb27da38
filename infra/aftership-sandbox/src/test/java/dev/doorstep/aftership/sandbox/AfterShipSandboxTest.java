package dev.doorstep.aftership.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The sandbox's own wire: the control API, rate-limit headers, and signed webhooks. */
class AfterShipSandboxTest {

    final AfterShipSandbox sandbox = AfterShipSandbox.start();
    final HttpClient http = HttpClient.newHttpClient();
    final ObjectMapper json = new ObjectMapper();

    @AfterEach
    void stop() {
        sandbox.close();
    }

    HttpResponse<String> send(String method, String path, String key, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            b.header("as-api-key", key);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    String create(String number) throws Exception {
        var r = send("POST", "/tracking/2026-07/trackings", "k1", "{\"tracking_number\":\"" + number + "\",\"slug\":\"ups\"}");
        assertThat(r.statusCode()).isEqualTo(201);
        return json.readTree(r.body()).path("data").path("id").asText();
    }

    @Test
    void theControlApiScriptsATrackingThatIsDeliveredAtAGivenTime() throws Exception {
        sandbox.clock(Instant.parse("2026-03-01T00:00:00Z"));
        assertThat(send("POST", "/sandbox/script", null, "{\"trackingNumber\":\"1Z99\",\"kind\":\"DELIVERED_AT\","
                + "\"deliverAt\":\"2026-03-04T12:00:00Z\"}").statusCode()).isEqualTo(200);
        String id = create("1Z99");

        assertThat(tag(id)).isEqualTo("InTransit");
        send("POST", "/sandbox/clock", null, "{\"advanceSeconds\":345600}");
        JsonNode t = json.readTree(send("GET", "/tracking/2026-07/trackings/" + id, "k1", null).body()).path("data");
        assertThat(t.path("tag").asText()).isEqualTo("Delivered");
        assertThat(t.path("shipment_delivery_date").asText()).isEqualTo("2026-03-04T12:00:00Z");
    }

    @Test
    void anUnknownKeyIsUnauthorizedAndEveryAnswerCarriesRateLimitHeaders() throws Exception {
        var unauthorized = send("GET", "/tracking/2026-07/couriers", "invalid-key", null);
        assertThat(unauthorized.statusCode()).isEqualTo(401);
        assertThat(json.readTree(unauthorized.body()).path("meta").path("code").asInt()).isEqualTo(401);

        var ok = send("GET", "/tracking/2026-07/couriers", "k1", null);
        assertThat(ok.headers().firstValue("x-ratelimit-limit")).contains("5");
        assertThat(ok.headers().firstValue("x-ratelimit-reset")).isPresent();
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            statuses.add(send("GET", "/tracking/2026-07/couriers", "k1", null).statusCode());
        }
        assertThat(statuses).contains(429); // 5 per second on GET /couriers
    }

    @Test
    void webhooksAreSignedWithTheSecret() throws Exception {
        List<String[]> received = new CopyOnWriteArrayList<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", ex -> {
            received.add(new String[] {new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8),
                    ex.getRequestHeaders().getFirst("aftership-hmac-sha256")});
            ex.sendResponseHeaders(200, -1);
            ex.close();
        });
        receiver.start();
        try {
            String id = create("1Z10");
            URI url = URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook");
            assertThat(sandbox.sendWebhook(id, url, "s3cret", false)).isEqualTo(200);
            assertThat(sandbox.sendWebhook(id, url, "s3cret", true)).isEqualTo(200);

            String[] good = received.get(0);
            assertThat(good[1]).isEqualTo(AfterShipSandbox.signature(good[0], "s3cret"));
            assertThat(json.readTree(good[0]).path("msg").path("id").asText()).isEqualTo(id);
            assertThat(json.readTree(good[0]).path("event").asText()).isEqualTo("tracking_update");
            String[] bad = received.get(1);
            assertThat(bad[1]).isNotEqualTo(AfterShipSandbox.signature(bad[0], "s3cret"));
        } finally {
            receiver.stop(0);
        }
    }

    private String tag(String id) throws Exception {
        return json.readTree(send("GET", "/tracking/2026-07/trackings/" + id, "k1", null).body()).path("data")
                .path("tag").asText();
    }
}
