package dev.doorstep.shopapi;

import static dev.doorstep.shopapi.ShopApiHarness.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.doorstep.aftership.sandbox.AfterShipSandbox;
import dev.doorstep.core.model.ShopSettings;
import dev.doorstep.emulator.WithAwsEmulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.scheduler.SchedulerClient;

/**
 * Every IAM caller is limited to its own shops, and a shop is named one way only: an IAM deny on
 * {@code /shops/acme-tea.myshopify.com/*} must not be walked around by spelling it {@code ACME-TEA...}.
 */
@WithAwsEmulator
class ShopApiCallerAccessTest {

    static final AfterShipSandbox SANDBOX = AfterShipSandbox.start();
    static final String ACME = "acme-tea.myshopify.com";
    static final String OTHER = "other-shop.myshopify.com";
    static final String ACME_ROLE = "arn:aws:iam::123456789012:role/merchants/acme-ops";
    static final String ACME_SESSION = "arn:aws:sts::123456789012:assumed-role/acme-ops/alice";
    static final String OTHER_USER = "arn:aws:iam::123456789012:user/other-admin";
    static final String CALLERS = "{\"" + ACME_ROLE + "\": [\"" + ACME + "\"], \"" + OTHER_USER + "\": [\"" + OTHER
            + "\"]}";

    final ShopApiHarness api;

    ShopApiCallerAccessTest(DynamoDbClient dynamo, KmsClient kms, SchedulerClient scheduler) {
        api = new ShopApiHarness(dynamo, kms, scheduler, SANDBOX, ShopApiCallers.fromJson(CALLERS));
        api.shops.save(dev.doorstep.core.model.Shop.installed(ShopSettings.defaults(ACME)));
        api.shops.save(dev.doorstep.core.model.Shop.installed(ShopSettings.defaults(OTHER)));
    }

    @AfterAll
    static void stop() {
        SANDBOX.close();
    }

    @Test
    void aCallerActsOnItsOwnShop() {
        assertThat(api.callAs(ACME_SESSION, "GET", "/shops/" + ACME + "/settings", null).getStatusCode())
                .isEqualTo(200);
        assertThat(api.callAs(OTHER_USER, "GET", "/shops/" + OTHER + "/review-requests", null).getStatusCode())
                .isEqualTo(200);
    }

    @Test
    void aCallerCannotReadOrChangeAnotherShop() {
        APIGatewayV2HTTPResponse read = api.callAs(ACME_SESSION, "GET", "/shops/" + OTHER + "/settings", null);
        APIGatewayV2HTTPResponse write = api.callAs(OTHER_USER, "PUT", "/shops/" + ACME + "/settings",
                "{\"requestsEnabled\":false}");

        assertThat(read.getStatusCode()).isEqualTo(403);
        assertThat(json(read).get("status").asText()).isEqualTo("forbidden");
        assertThat(write.getStatusCode()).isEqualTo(403);
        assertThat(api.shops.find(ACME).orElseThrow().settings().requestsEnabled()).as("nothing changed").isTrue();
    }

    @Test
    void aCallerNotListedOrWithoutAnIamIdentityGetsNothing() {
        assertThat(api.callAs("arn:aws:sts::123456789012:assumed-role/someone-else/bob", "GET",
                "/shops/" + ACME + "/settings", null).getStatusCode()).isEqualTo(403);
        assertThat(api.callAs("arn:aws:sts::210987654321:assumed-role/acme-ops/alice", "GET",
                "/shops/" + ACME + "/settings", null).getStatusCode()).as("same role name, another account")
                .isEqualTo(403);
        assertThat(api.call("GET", "/shops/" + ACME + "/settings", null).getStatusCode()).isEqualTo(403);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ACME-TEA.myshopify.com", "Acme-tea.myshopify.com", "acme-tea.MyShopify.com",
            "acme-tea.myshopify.com.", "acme-tea%2Emyshopify.com", "acme-tea.myshopify.com/"})
    void anotherSpellingOfTheShopIsNotFound(String spelled) {
        APIGatewayV2HTTPResponse response = api.callAs(ACME_SESSION, "GET", "/shops/" + spelled + "/settings", null);

        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(404);
    }

    @Test
    void aBrokenCallerListFailsAtStartNotSilently() {
        assertThatThrownBy(() -> ShopApiCallers.fromJson("{\"acme-ops\": [\"" + ACME + "\"]}"))
                .hasMessageContaining("not an IAM");
        assertThatThrownBy(() -> ShopApiCallers.fromJson("{\"" + ACME_ROLE + "\": [\"ACME-TEA.myshopify.com\"]}"))
                .hasMessageContaining("lowercase");
        assertThat(ShopApiCallers.fromJson(null).mayActOn(ACME_SESSION, ACME)).as("unset: nobody").isFalse();
    }
}
