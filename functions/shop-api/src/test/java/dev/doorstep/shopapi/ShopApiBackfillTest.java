package dev.doorstep.shopapi;

import static dev.doorstep.shopapi.ShopApiHarness.NOW;
import static dev.doorstep.shopapi.ShopApiHarness.json;
import static dev.doorstep.shopapi.ShopApiHarness.request;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.doorstep.aftership.AfterShipClient;
import dev.doorstep.aftership.AfterShipConfig;
import dev.doorstep.aftership.KmsApiKeyCipher;
import dev.doorstep.aftership.sandbox.AfterShipSandbox;
import dev.doorstep.core.intake.BackfillOffering;
import dev.doorstep.core.memory.InMemoryCustomerDataExports;
import dev.doorstep.core.model.BackfillOccasion;
import dev.doorstep.core.model.Shop;
import dev.doorstep.core.model.ShopSettings;
import dev.doorstep.core.port.ReviewRequestScheduler;
import dev.doorstep.emulator.WithAwsEmulator;
import dev.doorstep.scheduling.PollQueueBackfillRequests;
import dev.doorstep.store.DoorstepTable;
import dev.doorstep.store.DynamoDbAfterShipCredentialStore;
import dev.doorstep.store.DynamoDbBackfillOffers;
import dev.doorstep.store.DynamoDbOrderStore;
import dev.doorstep.store.DynamoDbShopStore;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * {@code /shops/{shop}/backfill} over the wire: the offer in the table, an accept queued on the poll queue as
 * the worker reads it, a decline, and the clear refusals.
 */
@WithAwsEmulator
class ShopApiBackfillTest {

    static final AfterShipSandbox SANDBOX = AfterShipSandbox.start();
    static final String SHOP = "acme-tea.myshopify.com";
    static final String PATH = "/shops/" + SHOP + "/backfill";

    final SqsClient sqs;
    final String queueUrl;
    final DynamoDbShopStore shops;
    final BackfillOffering offering;
    final ShopApiFunction function;

    ShopApiBackfillTest(DynamoDbClient dynamo, KmsClient kms, SqsClient sqs) {
        this.sqs = sqs;
        String table = "backfill-" + UUID.randomUUID();
        DoorstepTable.create(dynamo, table);
        queueUrl = sqs.createQueue(b -> b.queueName("poll-" + UUID.randomUUID())).queueUrl();
        shops = new DynamoDbShopStore(dynamo, table);
        offering = new BackfillOffering(shops, new DynamoDbBackfillOffers(dynamo, table),
                new PollQueueBackfillRequests(sqs, queueUrl));
        ReviewRequestScheduler noSchedules = new ReviewRequestScheduler() {
            @Override
            public void schedule(dev.doorstep.core.model.OrderKey order, java.time.Instant sendAt,
                    java.time.ZoneId zone) {
                throw new AssertionError("nothing is scheduled here");
            }

            @Override
            public void cancel(dev.doorstep.core.model.OrderKey order) {
            }
        };
        function = new ShopApiFunction(shops, new DynamoDbOrderStore(dynamo, table),
                new DynamoDbAfterShipCredentialStore(dynamo, table),
                new AfterShipCouriersKeyCheck(new AfterShipClient(AfterShipConfig.defaults(SANDBOX.baseUrl()))),
                new KmsApiKeyCipher(kms, kms.createKey(b -> b.description("keys")).keyMetadata().keyId()),
                noSchedules, new InMemoryCustomerDataExports(), Clock.fixed(NOW, ZoneOffset.UTC), offering);
        shops.save(Shop.installed(ShopSettings.defaults(SHOP)));
    }

    @AfterAll
    static void stopSandbox() {
        SANDBOX.close();
    }

    @Test
    void anOfferedBackfillIsShownWithHowItWouldTimeTheOrders() {
        offering.offer(SHOP, BackfillOccasion.INSTALL, NOW.minusSeconds(3600));

        APIGatewayV2HTTPResponse r = call("GET");

        assertThat(r.getStatusCode()).isEqualTo(200);
        JsonNode body = json(r);
        assertThat(body.path("state").asText()).isEqualTo("OFFERED");
        assertThat(body.path("stateLabel").asText()).isEqualTo("Offered");
        assertThat(body.path("occasion").asText()).isEqualTo("INSTALL");
        assertThat(body.path("offeredAt").asText()).isEqualTo(NOW.minusSeconds(3600).toString());
        assertThat(body.path("windowDays").asInt()).isEqualTo(30);
        assertThat(body.path("perDay").asInt()).isEqualTo(100);
        assertThat(body.path("timing").asText()).isEqualTo("fulfillment");
        assertThat(queued()).isEmpty();
    }

    @Test
    void acceptingQueuesOneBackfillMessageForTheWorkerEvenWhenAskedTwice() {
        offering.offer(SHOP, BackfillOccasion.SWITCH_ON, NOW);

        APIGatewayV2HTTPResponse first = call("POST");
        APIGatewayV2HTTPResponse second = call("POST");

        assertThat(first.getStatusCode()).isEqualTo(202);
        assertThat(json(first).path("state").asText()).isEqualTo("QUEUED");
        assertThat(json(first).path("acceptedAt").asText()).isEqualTo(NOW.toString());
        assertThat(second.getStatusCode()).isEqualTo(202);
        assertThat(queued()).extracting(Message::body).containsExactly("{\"backfill\":{\"shop\":\"" + SHOP + "\"}}");
    }

    @Test
    void declineEndsTheOfferAndAQueuedBackfillCannotBeDeclined() {
        assertThat(call("DELETE").getStatusCode()).as("nothing offered").isEqualTo(404);
        assertThat(json(call("DELETE")).path("status").asText()).isEqualTo("no-offer");

        offering.offer(SHOP, BackfillOccasion.INSTALL, NOW);
        APIGatewayV2HTTPResponse declined = call("DELETE");
        assertThat(declined.getStatusCode()).isEqualTo(200);
        assertThat(json(declined).path("state").asText()).isEqualTo("DECLINED");
        assertThat(json(call("GET")).path("state").asText()).isEqualTo("DECLINED");

        call("POST");
        APIGatewayV2HTTPResponse conflict = call("DELETE");
        assertThat(conflict.getStatusCode()).isEqualTo(409);
        assertThat(json(conflict).path("reason").asText()).contains("already being taken in");
    }

    @Test
    void anUnknownShopGetsAClearErrorAndNothingIsQueued() {
        String other = "/shops/unknown.myshopify.com/backfill";
        assertThat(function.handleRequest(request("GET", other, null, null), null).getStatusCode()).isEqualTo(404);
        APIGatewayV2HTTPResponse post = function.handleRequest(request("POST", other, null, null), null);
        assertThat(post.getStatusCode()).isEqualTo(404);
        assertThat(json(post).path("reason").asText()).contains("nothing was queued");
        assertThat(queued()).isEmpty();
    }

    @Test
    void aQueueThatCannotBeReachedAnswers503AndKeepsTheOffer() {
        offering.offer(SHOP, BackfillOccasion.INSTALL, NOW);
        sqs.deleteQueue(b -> b.queueUrl(queueUrl));

        APIGatewayV2HTTPResponse r = call("POST");

        assertThat(r.getStatusCode()).isEqualTo(503);
        assertThat(json(call("GET")).path("state").asText()).isEqualTo("OFFERED");
    }

    @Test
    void otherMethodsAreNamed() {
        APIGatewayV2HTTPResponse r = call("PUT");
        assertThat(r.getStatusCode()).isEqualTo(405);
        assertThat(json(r).path("reason").asText()).contains("POST (accept)").contains("DELETE (decline)");
    }

    private APIGatewayV2HTTPResponse call(String method) {
        return function.handleRequest(request(method, PATH, null, null), null);
    }

    private List<Message> queued() {
        return sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(0)).messages();
    }
}
