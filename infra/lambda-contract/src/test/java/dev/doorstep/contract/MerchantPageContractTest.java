package dev.doorstep.contract;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * MerchantPageFunction (no sample of its own: the requests are the shopify-app sample's, re-routed):
 * the page itself answers without a session, its API refuses the sample's expired session token.
 */
class MerchantPageContractTest extends FunctionContract {

    @Override
    String logicalId() {
        return "MerchantPageFunction";
    }

    static String request(String method, String path) {
        ObjectNode event = (ObjectNode) Samples.json(Samples.text("shopify-app/session-expired.json"));
        event.put("routeKey", method + " " + path).put("rawPath", path);
        ((ObjectNode) event.path("requestContext")).put("routeKey", method + " " + path);
        ((ObjectNode) event.path("requestContext").path("http")).put("method", method).put("path", path);
        return event.toString();
    }

    @Test
    @Order(1)
    void thePageAnswersAndItsApiRefusesAnExpiredSession() {
        httpOk(request("GET", "/admin"), 200);
        httpOk(request("GET", "/admin/api/settings"), 401);
    }
}
