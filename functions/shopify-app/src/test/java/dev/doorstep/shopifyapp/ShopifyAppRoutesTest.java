package dev.doorstep.shopifyapp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import dev.doorstep.core.memory.InMemoryShopStore;
import dev.doorstep.core.shopify.ShopInstallation;
import dev.doorstep.shopify.SessionTokenVerifier;
import dev.doorstep.shopify.ShopifyAdminClient;
import dev.doorstep.shopify.ShopifyConfig;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Routing and priming: nothing here reaches Shopify or AWS. */
class ShopifyAppRoutesTest {

    private final ShopifyAppFunction function = new ShopifyAppFunction(
            new SessionTokenVerifier("id", "secret", Clock.systemUTC(), SessionTokenVerifier.DEFAULT_LEEWAY),
            new ShopInstallation(new InMemoryShopStore(), new ShopifyAdminClient(new ShopifyConfig("id", "secret",
                    "http://127.0.0.1:1/{shop}", null, null, 0), Clock.systemUTC()), null));

    private static APIGatewayV2HTTPEvent request(String method, String path) {
        return APIGatewayV2HTTPEvent.builder().withRawPath(path).withHeaders(Map.of())
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod(method).build())
                        .build())
                .build();
    }

    @Test
    void onlyPostAppSession() {
        assertThat(function.handleRequest(request("POST", "/app/other"), null).getStatusCode()).isEqualTo(404);
        assertThat(function.handleRequest(request("GET", "/app/session"), null).getStatusCode()).isEqualTo(405);
        assertThat(function.handleRequest(request("POST", "/app/session/"), null).getStatusCode()).isEqualTo(401);
    }

    @Test
    void primingRunsTheVerifierWithoutFailing() {
        assertThatCode(ShopifyAppFunction::prime).doesNotThrowAnyException();
    }
}
