package dev.doorstep.contract;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * ShopifyAppFunction: the embedded app's session call with the sample's App Bridge session token,
 * signed with the app secret from Secrets Manager for the template's client id but expired, is refused
 * before any token exchange.
 */
class ShopifyAppContractTest extends FunctionContract {

    @Override
    String logicalId() {
        return "ShopifyAppFunction";
    }

    @Test
    @Order(1)
    void anExpiredSessionTokenIsRefused() {
        httpOk(Samples.text("shopify-app/session-expired.json"), 401);
    }
}
