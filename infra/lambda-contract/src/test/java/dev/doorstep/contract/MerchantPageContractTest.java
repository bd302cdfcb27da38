package dev.doorstep.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * MerchantPageFunction: events/merchant-page/get-admin-settings.json is the page's GET /admin/api/settings
 * with an App Bridge session token signed with the app secret from Secrets Manager for the template's client
 * id, but expired: refused. The same event with the token re-signed now reads acme-tea's settings (the shop
 * API's, run in-process). The page itself answers without a session.
 */
class MerchantPageContractTest extends FunctionContract {

    static final String SAMPLE = "merchant-page/get-admin-settings.json";

    @Override
    String logicalId() {
        return "MerchantPageFunction";
    }

    /** The sample, as another method and path of the page (the page itself, another API route). */
    static String request(String method, String path) {
        ObjectNode event = (ObjectNode) Samples.json(Samples.text(SAMPLE));
        event.put("routeKey", method + " " + path).put("rawPath", path);
        ((ObjectNode) event.path("requestContext")).put("routeKey", method + " " + path);
        ((ObjectNode) event.path("requestContext").path("http")).put("method", method).put("path", path);
        return event.toString();
    }

    @Test
    @Order(1)
    void theSamplesExpiredSessionIsRefusedAndThePageAnswersWithoutOne() {
        JsonNode refused = httpOk(Samples.text(SAMPLE), 401);
        assertThat(refused.path("headers").path("x-shopify-retry-invalid-session-request").asText()).isEqualTo("1");
        httpOk(request("GET", "/admin"), 200);
    }

    @Test
    @Order(2)
    void theSampleWithAFreshSessionTokenReadsTheShopsSettings() {
        seeds.shop();
        ObjectNode event = (ObjectNode) Samples.json(Samples.text(SAMPLE));
        ((ObjectNode) event.path("headers")).put("authorization", "Bearer " + freshToken(Seeds.SHOP));

        JsonNode settings = Samples.json(httpOk(event.toString(), 200).path("body").asText());

        assertThat(settings.path("shop").asText()).isEqualTo(Seeds.SHOP);
        assertThat(settings.path("timeZone").asText()).isEqualTo("America/New_York");
    }

    @Test
    @Order(3)
    void itPrimedItsOwnPathsBeforeTheSnapshotAsWellAsTheShopApis() {
        assertThat(function.allLogs().lines().filter(l -> l.contains("primed before the snapshot")))
                .anyMatch(l -> l.contains("\"function\":\"MerchantPageFunction\""))
                .anyMatch(l -> l.contains("\"function\":\"ShopApiFunction\""));
    }

    /** A session token as App Bridge signs it: HS256 with the app secret, the template's client id, a minute long. */
    static String freshToken(String shop) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        long now = Instant.now().getEpochSecond();
        String header = b64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String claims = b64.encodeToString(Samples.JSON.createObjectNode().put("iss", "https://" + shop + "/admin")
                .put("dest", "https://" + shop).put("aud", ContractAws.SHOPIFY_CLIENT_ID).put("sub", "42")
                .put("exp", now + 60).put("nbf", now).put("iat", now).toString().getBytes(StandardCharsets.UTF_8));
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(ContractAws.SHOPIFY_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return header + "." + claims + "." + b64.encodeToString(mac.doFinal((header + "." + claims)
                    .getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
