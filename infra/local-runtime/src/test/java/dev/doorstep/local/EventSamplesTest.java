package dev.doorstep.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.SNSEvent;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.doorstep.emulator.ProjectRoot;
import dev.doorstep.lambda.Json;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every sample under {@code events/} is read the way the Lambda Java runtime reads it (its own
 * serialization library) and handed to the function its folder names, wired as in AWS against the
 * emulator: so {@code sam local invoke -e events/...} behaves the same on a machine with Docker.
 */
class EventSamplesTest {

    private static LocalRuntime runtime;

    @BeforeAll
    static void start() throws Exception {
        runtime = LocalRuntime.start(0, LocalRuntime.DEFAULT_SHOPIFY_SECRET);
        // The Shopify samples are for this shop; order topics of an unknown shop answer 404.
        APIGatewayV2HTTPResponse installed = runtime.functions().shopApi.handleRequest(
                LambdaEvents.read(Files.readString(samples().resolve("shop-api/put-settings.json")),
                        APIGatewayV2HTTPEvent.class), LocalContext.of("ShopApiFunction"));
        assertThat(installed.getStatusCode()).isLessThan(500);
        var http = java.net.http.HttpClient.newHttpClient();
        var outdoor = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                "http://localhost:" + runtime.port() + "/shops/acme-outdoor.myshopify.com/settings"))
                .header("content-type", "application/json")
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofString("{\"shopCountry\":\"DE\"}")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(outdoor.statusCode()).as(outdoor.body()).isEqualTo(200);
    }

    @AfterAll
    static void stop() {
        runtime.close();
    }

    private static Path samples() {
        return ProjectRoot.find().resolve("events");
    }

    @TestFactory
    Stream<DynamicTest> everySampleDeserialisesAndItsFunctionHandlesIt() throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(samples())) {
            // Samples that remove the shop (uninstall, shop/redact) go last, or the others would meet no shop.
            files = walk.filter(p -> p.toString().endsWith(".json"))
                    .sorted(java.util.Comparator.comparing((Path p) -> p.toString().matches(".*(uninstalled|shop-redact).*"))
                            .thenComparing(Path::toString))
                    .toList();
        }
        assertThat(files).hasSizeGreaterThanOrEqualTo(10);
        return files.stream().map(file -> DynamicTest.dynamicTest(samples().relativize(file).toString(),
                () -> invoke(file.getParent().getFileName().toString(), Files.readString(file))));
    }

    private static void invoke(String folder, String json) throws IOException {
        LocalFunctions f = runtime.functions();
        JsonNode shape = Json.MAPPER.readTree(json);
        String source = shape.path("Records").path(0).path("eventSource").asText(
                shape.path("Records").path(0).path("EventSource").asText(""));
        if (shape.has("routeKey")) {
            APIGatewayV2HTTPEvent event = LambdaEvents.read(json, APIGatewayV2HTTPEvent.class);
            var function = f.httpFunctions().get(switch (folder) {
                case "shopify-webhook" -> "ShopifyWebhookFunction";
                case "aftership-webhook" -> "AfterShipWebhookFunction";
                case "shop-api" -> "ShopApiFunction";
                case "shopify-app" -> "ShopifyAppFunction";
                case "merchant-page" -> "MerchantPageFunction";
                case "review-sender" -> "UnsubscribeFunction";
                default -> throw new AssertionError("no HTTP function for events/" + folder);
            });
            APIGatewayV2HTTPResponse response = function.apply(event);
            assertThat(response.getStatusCode()).as(response.getBody()).isLessThan(500);
            if (folder.equals("shopify-app") || folder.equals("merchant-page")) {
                assertThat(response.getStatusCode()).as("the sample's session token expired: " + response.getBody())
                        .isEqualTo(401);
            }
            if (folder.equals("shopify-webhook")) {
                assertThat(response.getStatusCode()).as("signed with the local secret: " + response.getBody())
                        .isEqualTo(200);
            }
        } else if (source.equals("aws:dynamodb")) {
            DynamodbEvent event = LambdaEvents.read(json, DynamodbEvent.class);
            assertThat(event.getRecords()).isNotEmpty();
            var response = f.streamFunctions().get(switch (folder) {
                case "order-stream" -> "OrderStreamFunction";
                case "event-publisher" -> "EventPublisherFunction";
                default -> throw new AssertionError("no stream function for events/" + folder);
            }).apply(event);
            assertThat(response).isNotNull();
        } else if (source.equals("aws:sns")) {
            SNSEvent event = LambdaEvents.read(json, SNSEvent.class);
            f.sesFeedback.handleRequest(event, LocalContext.of("SesFeedbackFunction"));
        } else if (source.equals("aws:sqs")) {
            SQSEvent event = LambdaEvents.read(json, SQSEvent.class);
            assertThat(f.pollWorker.handleRequest(event, LocalContext.of("ShopPollWorkerFunction"))).isNotNull();
        } else if (shape.path("detail-type").asText().equals("Scheduled Event")) {
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            f.poller.handleRequest(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), answer,
                    LocalContext.of("DeliveryPollerFunction"));
            assertThat(Json.MAPPER.readTree(answer.toByteArray()).path("pollStart").asText())
                    .isEqualTo(shape.path("time").asText());
        } else if (folder.equals("review-sender")) {
            f.fireReviewSender(Json.MAPPER.readValue(json, new TypeReference<Map<String, Object>>() { }));
        } else {
            throw new AssertionError("events/" + folder + ": no function takes this shape of event");
        }
    }
}
