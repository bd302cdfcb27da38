package dev.doorstep.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.doorstep.emulator.WithAwsEmulator;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * At least 200 bad Shopify deliveries through the real function over DynamoDB on the emulator: each
 * answered with the expected 4xx and a reason (or 200 "ignored" for a topic we do not use), never a
 * 5xx, and the table still holding only the shop.
 */
@WithAwsEmulator
class ShopifyWebhookBadInputCorpusTest {

    static final Instant NOW = Instant.parse("2026-03-12T10:00:00Z");

    private final WebhookTable table;
    private final CountingScheduler scheduler = new CountingScheduler();

    ShopifyWebhookBadInputCorpusTest(DynamoDbClient dynamo) {
        table = new WebhookTable(dynamo, scheduler, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    static Stream<BadShopifyWebhooks> corpus() {
        return BadShopifyWebhooks.all().stream();
    }

    @Test
    void theCorpusHoldsAtLeast200Cases() {
        List<BadShopifyWebhooks> all = BadShopifyWebhooks.all();
        assertThat(all).hasSizeGreaterThanOrEqualTo(200);
        assertThat(all.stream().map(BadShopifyWebhooks::name).distinct()).hasSize(all.size());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void everyBadDeliveryIsAnsweredWithAReasonAndWritesNothing(BadShopifyWebhooks bad) {
        APIGatewayV2HTTPResponse response = table.send(bad.event().get());

        String why = bad.name() + " -> " + response.getStatusCode() + " " + response.getBody();
        assertThat(response.getStatusCode()).as(why).isEqualTo(bad.status());
        JsonNode body = WebhookTable.json(response);
        assertThat(body.path("status").asText()).as(why).isEqualTo(bad.outcome());
        assertThat(body.path("reason").asText()).as("a reason the sender can read").isNotBlank();
        assertThat(table.itemKeys()).as(why).isEqualTo(WebhookTable.shopOnly());
        assertThat(scheduler.calls).as(why).hasValue(0);
    }

    /** A stale replay changes nothing: the order as the later event left it, bit for bit. */
    @ParameterizedTest(name = "stale replay of {0}")
    @MethodSource("staleReplays")
    void aReplayOfAnOlderEventIsIgnoredAndChangesNothing(String sample) {
        APIGatewayV2HTTPEvent later = ShopifyDeliveries.fresh(ShopifyDeliveries.sample("orders-cancelled"));
        Headers.header(later, "x-shopify-triggered-at", "2026-03-12T07:30:01Z");
        APIGatewayV2HTTPEvent first = ShopifyDeliveries.fresh(ShopifyDeliveries.sample("fulfillments-create"));
        assertThat(table.send(first).getStatusCode()).isEqualTo(200);
        assertThat(table.send(later).getStatusCode()).isEqualTo(200);
        List<String> before = table.snapshot();

        APIGatewayV2HTTPEvent stale = ShopifyDeliveries.fresh(ShopifyDeliveries.sample(sample));
        Headers.header(stale, "x-shopify-triggered-at", "2026-03-11T15:04:13Z");
        APIGatewayV2HTTPResponse response = table.send(stale);

        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(200);
        assertThat(WebhookTable.json(response).path("status").asText()).isEqualTo("ignored");
        assertThat(WebhookTable.json(response).path("reason").asText()).contains("stale");
        assertThat(table.snapshot().stream().filter(i -> !i.contains("RECEIPT#")).toList())
                .isEqualTo(before.stream().filter(i -> !i.contains("RECEIPT#")).toList());
    }

    /**
     * Replays of bodies older than the cancellation (their own updated_at decides, not the header). The
     * cancellation's own body again is the same news at the same time, not an older one.
     */
    static Stream<String> staleReplays() {
        return Stream.of("fulfillments-create", "orders-fulfilled");
    }
}
