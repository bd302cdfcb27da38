package dev.doorstep.webhook.shopify;

import static dev.doorstep.webhook.shopify.WebhookHarness.body;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.doorstep.core.model.OrderStatus;
import dev.doorstep.emulator.WithAwsEmulator;
import dev.doorstep.lambda.Json;
import java.io.IOException;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * {@code X-Shopify-Triggered-At} is not signed: a captured, validly signed body replayed with a header
 * dated 2099 must not make the order's later genuine events look stale. The payload's own time wins;
 * the header counts only without one, and only from 48 h ago (Shopify's retries) to 5 minutes ahead.
 */
@WithAwsEmulator
class TriggeredAtBoundsTest {

    private final WebhookHarness harness;

    TriggeredAtBoundsTest(DynamoDbClient dynamo) {
        harness = new WebhookHarness(dynamo);
    }

    @Test
    void aReplayDatedIn2099DoesNotMakeALaterGenuineCancellationStale() {
        harness.send("fulfillments-create");
        APIGatewayV2HTTPEvent replay = replayed(Deliveries.sample("orders-fulfilled"), "2099-01-01T00:00:00Z");
        assertThat(harness.send(replay).getStatusCode()).isEqualTo(200);

        APIGatewayV2HTTPResponse cancellation = harness.send("orders-cancelled");

        assertThat(body(cancellation).get("status").asText()).as(cancellation.getBody()).isEqualTo("accepted");
        assertThat(harness.order().status()).isEqualTo(OrderStatus.CANCELLED);
    }

    @Test
    void thePayloadsOwnTimeDecidesWhatIsStaleWhateverTheHeaderSays() {
        harness.send("fulfillments-create");
        harness.send("orders-cancelled");

        // A genuine old body with a fresh-looking header: its updated_at is before the cancellation.
        APIGatewayV2HTTPResponse replay = harness.send(replayed(Deliveries.sample("orders-fulfilled"),
                WebhookHarness.NOW.toString()));

        assertThat(body(replay).get("status").asText()).isEqualTo("ignored");
        assertThat(body(replay).get("reason").asText()).contains("stale");
        assertThat(harness.order().status()).isEqualTo(OrderStatus.CANCELLED);
    }

    @Test
    void withoutAPayloadTimeAHeaderFarInTheFutureIsRefused() throws IOException {
        harness.send("fulfillments-create");

        APIGatewayV2HTTPResponse response = harness.send(withoutPayloadTimes("orders-cancelled",
                "2099-01-01T00:00:00Z"));

        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(400);
        assertThat(harness.order().status()).isEqualTo(OrderStatus.CREATING_TRACKING);
    }

    @Test
    void withoutAPayloadTimeAHeaderOlderThanShopifysRetriesIsAStaleReplay() throws IOException {
        harness.send("fulfillments-create");

        APIGatewayV2HTTPResponse response = harness.send(withoutPayloadTimes("orders-cancelled",
                WebhookHarness.NOW.minusSeconds(49 * 3600).toString()));

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(body(response).get("status").asText()).isEqualTo("ignored");
        assertThat(harness.order().status()).isEqualTo(OrderStatus.CREATING_TRACKING);
    }

    @Test
    void withoutAPayloadTimeAHeaderWithinBoundsStillOrdersTheEvent() throws IOException {
        harness.send("fulfillments-create");

        APIGatewayV2HTTPResponse response = harness.send(withoutPayloadTimes("orders-cancelled",
                WebhookHarness.NOW.minusSeconds(60).toString()));

        assertThat(body(response).get("status").asText()).as(response.getBody()).isEqualTo("accepted");
        assertThat(harness.order().status()).isEqualTo(OrderStatus.CANCELLED);
    }

    /** The same signed body under a new webhook id, as an attacker who captured it would send it. */
    private static APIGatewayV2HTTPEvent replayed(APIGatewayV2HTTPEvent event, String triggeredAt) {
        Deliveries.withHeader(event, "x-shopify-webhook-id", UUID.randomUUID().toString());
        return Deliveries.withHeader(event, "x-shopify-triggered-at", triggeredAt);
    }

    private static APIGatewayV2HTTPEvent withoutPayloadTimes(String sample, String triggeredAt) throws IOException {
        APIGatewayV2HTTPEvent event = Deliveries.sample(sample);
        ObjectNode payload = (ObjectNode) Json.MAPPER.readTree(event.getBody());
        payload.remove(java.util.List.of("updated_at", "cancelled_at", "created_at"));
        Deliveries.withBody(event, payload.toString(), Deliveries.SECRET);
        return replayed(event, triggeredAt);
    }
}
