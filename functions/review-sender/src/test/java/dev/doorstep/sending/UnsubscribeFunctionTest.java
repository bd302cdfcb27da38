package dev.doorstep.sending;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.doorstep.core.model.OrderKey;
import dev.doorstep.core.sending.EmailDigest;
import dev.doorstep.core.sending.SuppressionReason;
import dev.doorstep.core.sending.UnsubscribeToken;
import dev.doorstep.emulator.WithAwsEmulator;
import dev.doorstep.store.DoorstepTable;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

@WithAwsEmulator
class UnsubscribeFunctionTest {

    private static final Instant NOW = Instant.parse("2026-03-15T09:02:11Z");
    private static final EmailDigest ANA = Fixtures.TOKENS.digester().of("ana@example.com");

    private final DynamoDbSuppressionList suppressions;
    private final UnsubscribeFunction function;
    private final String token = Fixtures.TOKENS.issue(new UnsubscribeToken(new OrderKey(Fixtures.SHOP, "5551234"),
            ANA));

    UnsubscribeFunctionTest(DynamoDbClient dynamo) {
        String table = "doorstep-" + UUID.randomUUID();
        DoorstepTable.create(dynamo, table);
        suppressions = new DynamoDbSuppressionList(dynamo, table);
        function = new UnsubscribeFunction(Fixtures.TOKENS, suppressions, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private APIGatewayV2HTTPResponse call(String fixture, String withToken) {
        return function.handleRequest(Fixtures.event(fixture, APIGatewayV2HTTPEvent.class,
                Map.of("{{token}}", withToken)), null);
    }

    @Test
    @DisplayName("GET shows a confirmation page with a one-click button and unsubscribes nobody (link scanners)")
    void getConfirms() {
        APIGatewayV2HTTPResponse page = call("unsubscribe-get.json", token);

        assertThat(page.getStatusCode()).isEqualTo(200);
        assertThat(page.getHeaders()).containsEntry("content-type", "text/html; charset=utf-8");
        assertThat(page.getBody()).contains("<form method=\"post\" action=\"?token=" + token + "\">",
                "name=\"List-Unsubscribe\" value=\"One-Click\"", "<button");
        assertThat(suppressions.find(Fixtures.SHOP, ANA)).isEmpty();
    }

    @Test
    @DisplayName("the RFC 8058 one-click POST suppresses the customer for that shop; a repeat is harmless")
    void oneClickPost() {
        assertThat(call("unsubscribe-one-click.json", token).getStatusCode()).isEqualTo(200);
        assertThat(call("unsubscribe-one-click.json", token).getStatusCode()).isEqualTo(200);

        assertThat(suppressions.find(Fixtures.SHOP, ANA)).hasValueSatisfying(s -> {
            assertThat(s.reason()).isEqualTo(SuppressionReason.UNSUBSCRIBED);
            assertThat(s.since()).isEqualTo(NOW);
        });
    }

    @Test
    @DisplayName("the confirmation page's button (plain form body, token in the form) works too")
    void buttonPost() {
        APIGatewayV2HTTPEvent event = Fixtures.event("unsubscribe-one-click.json", APIGatewayV2HTTPEvent.class,
                Map.of("{{token}}", "ignored"));
        event.setQueryStringParameters(null);
        event.setIsBase64Encoded(false);
        event.setBody("List-Unsubscribe=One-Click&token=" + token);

        assertThat(function.handleRequest(event, null).getStatusCode()).isEqualTo(200);
        assertThat(suppressions.find(Fixtures.SHOP, ANA)).isPresent();
    }

    @Test
    @DisplayName("a one-click POST as multipart/form-data (RFC 8058 allows it), base64 as API Gateway hands it,"
            + " suppresses the customer")
    void multipartOneClickPost() {
        String boundary = "----mailclient7MA4YWxkTrZu0gW";
        String body = "--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"List-Unsubscribe\"\r\n\r\n"
                + "One-Click\r\n"
                + "--" + boundary + "--\r\n";
        APIGatewayV2HTTPEvent event = Fixtures.event("unsubscribe-one-click.json", APIGatewayV2HTTPEvent.class,
                Map.of("{{token}}", token));
        event.setHeaders(new java.util.HashMap<>(Map.of("content-type", "multipart/form-data; boundary=" + boundary)));
        event.setIsBase64Encoded(true);
        event.setBody(java.util.Base64.getEncoder().encodeToString(body.getBytes(java.nio.charset.StandardCharsets
                .UTF_8)));

        APIGatewayV2HTTPResponse response = function.handleRequest(event, null);

        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(200);
        assertThat(suppressions.find(Fixtures.SHOP, ANA)).hasValueSatisfying(s ->
                assertThat(s.reason()).isEqualTo(SuppressionReason.UNSUBSCRIBED));
    }

    @Test
    @DisplayName("a multipart POST whose part is not List-Unsubscribe=One-Click, or that is broken, is refused")
    void multipartWithoutOneClick() {
        String boundary = "b1";
        for (String body : new String[] {
                "--b1\r\nContent-Disposition: form-data; name=\"other\"\r\n\r\nOne-Click\r\n--b1--\r\n",
                "--b1\r\nContent-Disposition: form-data; name=\"List-Unsubscribe\"\r\n\r\nNo\r\n--b1--\r\n",
                "not multipart at all"}) {
            APIGatewayV2HTTPEvent event = Fixtures.event("unsubscribe-one-click.json", APIGatewayV2HTTPEvent.class,
                    Map.of("{{token}}", token));
            event.setHeaders(new java.util.HashMap<>(Map.of("content-type", "multipart/form-data; boundary="
                    + boundary)));
            event.setIsBase64Encoded(false);
            event.setBody(body);

            assertThat(function.handleRequest(event, null).getStatusCode()).as(body).isEqualTo(400);
        }
        assertThat(suppressions.find(Fixtures.SHOP, ANA)).isEmpty();
    }

    @Test
    @DisplayName("a forged, truncated or missing token gets a 400 with the reason and stores nothing")
    void badTokens() {
        String forged = Fixtures.TOKENS.issue(new UnsubscribeToken(new OrderKey("other.myshopify.com", "1"), ANA))
                .replaceFirst("^[^.]+", token.substring(0, token.indexOf('.')) + "x");
        for (String bad : new String[] {forged, token.substring(0, token.length() - 2), "", "not-a-token"}) {
            APIGatewayV2HTTPResponse response = call("unsubscribe-one-click.json", bad);
            assertThat(response.getStatusCode()).as(bad).isEqualTo(400);
            assertThat(response.getBody()).contains("This unsubscribe link does not work");
        }
        assertThat(suppressions.find(Fixtures.SHOP, ANA)).isEmpty();
    }

    @Test
    @DisplayName("a POST without List-Unsubscribe=One-Click is refused with the reason")
    void postWithoutOneClickBody() {
        APIGatewayV2HTTPEvent event = Fixtures.event("unsubscribe-one-click.json", APIGatewayV2HTTPEvent.class,
                Map.of("{{token}}", token));
        event.setBody(null);

        APIGatewayV2HTTPResponse response = function.handleRequest(event, null);

        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(response.getBody()).contains("List-Unsubscribe=One-Click");
        assertThat(suppressions.find(Fixtures.SHOP, ANA)).isEmpty();
    }
}
