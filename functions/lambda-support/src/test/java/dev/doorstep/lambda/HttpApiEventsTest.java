package dev.doorstep.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Stream handlers read and answer HTTP API events themselves; they must agree with the runtime's serializer. */
class HttpApiEventsTest {

    private static final ClassLoader LOADER = HttpApiEventsTest.class.getClassLoader();

    @Test
    void readsEveryHttpApiSampleAsTheRuntimeSerializerDoes() throws IOException {
        PojoSerializer<APIGatewayV2HTTPEvent> runtime =
                LambdaEventSerializers.serializerFor(APIGatewayV2HTTPEvent.class, LOADER);
        List<Path> samples = httpApiSamples();
        assertThat(samples).hasSizeGreaterThanOrEqualTo(10);
        for (Path sample : samples) {
            APIGatewayV2HTTPEvent expected;
            try (InputStream in = Files.newInputStream(sample)) {
                expected = runtime.fromJson(in);
            }
            APIGatewayV2HTTPEvent ours;
            try (InputStream in = Files.newInputStream(sample)) {
                ours = HttpApiEvents.read(in);
            }
            assertThat(ours).as(sample.toString()).usingRecursiveComparison()
                    .ignoringFields("requestContext.authorizer", "requestContext.authentication")
                    .isEqualTo(expected);
        }
    }

    @Test
    void writesResponsesTheRuntimeSerializerReadsBackUnchanged() throws IOException {
        PojoSerializer<APIGatewayV2HTTPResponse> runtime =
                LambdaEventSerializers.serializerFor(APIGatewayV2HTTPResponse.class, LOADER);
        for (APIGatewayV2HTTPResponse response : List.of(
                HttpResponses.json(200, Map.of("status", "accepted", "orderIds", List.of("1001"))),
                HttpResponses.status(401, "rejected", "bad \"signature\"\n"),
                APIGatewayV2HTTPResponse.builder().withStatusCode(302).withHeaders(Map.of("location", "/x"))
                        .withCookies(List.of("a=b")).withIsBase64Encoded(false).build(),
                APIGatewayV2HTTPResponse.builder().withStatusCode(200).withBody("aGk=").withIsBase64Encoded(true)
                        .build())) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            HttpApiEvents.write(response, out);
            APIGatewayV2HTTPResponse back = runtime.fromJson(new ByteArrayInputStream(out.toByteArray()));
            assertThat(back).usingRecursiveComparison().isEqualTo(response);
        }
    }

    @Test
    void keepsTheIamCallerTheShopApiLimitsToItsShops() throws IOException {
        Path sample = httpApiSamples().stream().filter(p -> p.endsWith("shop-api/get-settings.json")).findFirst()
                .orElseThrow();
        try (InputStream in = Files.newInputStream(sample)) {
            var iam = HttpApiEvents.read(in).getRequestContext().getAuthorizer().getIam();
            assertThat(iam.getUserArn())
                    .isEqualTo("arn:aws:sts::123456789012:assumed-role/DoorstepShopAdmin/merchant-admin");
            assertThat(iam.getAccountId()).isEqualTo("123456789012");
        }
    }

    @Test
    void anEventThatIsNotAJsonObjectIsAnError() {
        assertThatThrownBy(() -> HttpApiEvents.read(new ByteArrayInputStream("[1]".getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(IOException.class);
        assertThatThrownBy(() -> HttpApiEvents.read(new ByteArrayInputStream("{".getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(IOException.class);
    }

    /** Every sample event of an HTTP API route (payload 2.0) in the project's events/ folder. */
    private static List<Path> httpApiSamples() throws IOException {
        Path dir = Path.of("").toAbsolutePath();
        while (!Files.isDirectory(dir.resolve("events/shopify-webhook"))) {
            dir = dir.getParent();
        }
        try (Stream<Path> files = Files.walk(dir.resolve("events"))) {
            return files.filter(f -> f.toString().endsWith(".json")).filter(f -> {
                try {
                    return Files.readString(f).contains("\"version\": \"2.0\"");
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).sorted().toList();
        }
    }
}
