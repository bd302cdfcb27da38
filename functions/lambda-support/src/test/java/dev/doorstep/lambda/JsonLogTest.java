package dev.doorstep.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class JsonLogTest {

    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();

    @AfterEach
    void restore() {
        JsonLog.redirect(System.out);
        Metrics.redirect(System.out);
    }

    @Test
    void eachLineIsOneJsonObjectWithShopAndOrderIds() throws Exception {
        JsonLog.redirect(new PrintStream(captured, true, StandardCharsets.UTF_8));

        JsonLog.of(JsonLogTest.class).info("order stored", Map.of("shop", "demo.myshopify.com", "orderId", "1001"));

        JsonNode line = Json.MAPPER.readTree(captured.toString(StandardCharsets.UTF_8).strip());
        assertThat(line.path("level").asText()).isEqualTo("INFO");
        assertThat(line.path("message").asText()).isEqualTo("order stored");
        assertThat(line.path("shop").asText()).isEqualTo("demo.myshopify.com");
        assertThat(line.path("orderId").asText()).isEqualTo("1001");
        assertThat(line.path("logger").asText()).isEqualTo("JsonLogTest");
    }

    @Test
    void metricsAreEmbeddedMetricFormat() throws Exception {
        Metrics.redirect(new PrintStream(captured, true, StandardCharsets.UTF_8));

        Metrics.forFunction("ShopifyWebhookFunction").count("WebhooksRejected", Map.of("Reason", "bad-hmac"));

        JsonNode line = Json.MAPPER.readTree(captured.toString(StandardCharsets.UTF_8).strip());
        JsonNode directive = line.path("_aws").path("CloudWatchMetrics").get(0);
        assertThat(directive.path("Namespace").asText()).isEqualTo("Doorstep");
        assertThat(directive.path("Dimensions").get(0)).extracting(JsonNode::asText)
                .containsExactly("Function", "Reason");
        assertThat(directive.path("Metrics").get(0).path("Name").asText()).isEqualTo("WebhooksRejected");
        assertThat(line.path("WebhooksRejected").asDouble()).isEqualTo(1.0);
        assertThat(line.path("Reason").asText()).isEqualTo("bad-hmac");
    }
}
