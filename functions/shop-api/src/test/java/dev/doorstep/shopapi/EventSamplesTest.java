package dev.doorstep.shopapi;

import static dev.doorstep.shopapi.ShopApiHarness.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.databind.JsonNode;
import dev.doorstep.aftership.sandbox.AfterShipSandbox;
import dev.doorstep.core.model.OrderStatus;
import dev.doorstep.emulator.ProjectRoot;
import dev.doorstep.emulator.WithAwsEmulator;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.scheduler.SchedulerClient;

/**
 * events/shop-api/*.json, read by the Lambda Java runtime's own serializer and handed to the handler,
 * with the samples' caller (role DoorstepShopAdmin) allowed their shop, so
 * {@code sam local invoke ShopApiFunction -e events/shop-api/... --parameter-overrides ShopApiCallers=...}
 * sees what this test sees.
 */
@WithAwsEmulator
class EventSamplesTest {

    static final AfterShipSandbox SANDBOX = AfterShipSandbox.start();
    static final Path EVENTS = ProjectRoot.find().resolve("events/shop-api");
    static final PojoSerializer<APIGatewayV2HTTPEvent> RUNTIME =
            LambdaEventSerializers.serializerFor(APIGatewayV2HTTPEvent.class, EventSamplesTest.class.getClassLoader());

    final ShopApiHarness api;

    EventSamplesTest(DynamoDbClient dynamo, KmsClient kms, SchedulerClient scheduler) {
        api = new ShopApiHarness(dynamo, kms, scheduler, SANDBOX, ShopApiCallers.fromJson(
                "{\"arn:aws:iam::123456789012:role/DoorstepShopAdmin\": [\"acme-tea.myshopify.com\"]}"));
    }

    @AfterAll
    static void stop() {
        SANDBOX.close();
    }

    static APIGatewayV2HTTPEvent sample(String name) throws IOException {
        try (InputStream in = Files.newInputStream(EVENTS.resolve(name))) {
            return RUNTIME.fromJson(in);
        }
    }

    APIGatewayV2HTTPResponse invoke(String name) throws IOException {
        return api.function.handleRequest(sample(name), null);
    }

    @Test
    void theSamplesSaveReadAndListAShopsSettingsAndRequests() throws IOException {
        APIGatewayV2HTTPResponse put = invoke("put-settings.json");
        assertThat(put.getStatusCode()).as(put.getBody()).isEqualTo(200);
        assertThat(json(put).get("aftershipApiKeySaved").asBoolean()).isTrue();

        JsonNode settings = json(invoke("get-settings.json"));
        assertThat(settings.get("shop").asText()).isEqualTo("acme-tea.myshopify.com");
        assertThat(settings.get("sendWindow").asText()).isEqualTo("09:00-20:00");
        assertThat(settings.get("timeZone").asText()).isEqualTo("America/New_York");

        api.storeOrder("acme-tea.myshopify.com", "5001", OrderStatus.WAITING_FOR_DELIVERY);
        api.storeOrder("acme-tea.myshopify.com", "5002", OrderStatus.SENT);
        JsonNode list = json(invoke("list-review-requests.json"));
        assertThat(list.get("reviewRequests")).extracting(r -> r.get("orderId").asText()).containsExactly("5001");
    }

    @Test
    void everySampleIsReadTheWayTheRuntimeReadsIt() throws IOException {
        try (var files = Files.list(EVENTS)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).toList()) {
                APIGatewayV2HTTPEvent event = sample(file.getFileName().toString());
                assertThat(event.getRequestContext().getHttp().getMethod()).as(file.toString()).isNotBlank();
                assertThat(event.getRawPath()).as(file.toString()).startsWith("/shops/");
                assertThat(event.getRequestContext().getAuthorizer().getIam().getUserArn()).as(file.toString())
                        .contains("assumed-role");
            }
        }
    }
}
