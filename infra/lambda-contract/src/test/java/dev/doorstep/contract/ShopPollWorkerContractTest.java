package dev.doorstep.contract;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/** ShopPollWorkerFunction: the queued shop poll asks AfterShip and completes without handing the message back. */
class ShopPollWorkerContractTest extends FunctionContract {

    @Override
    String logicalId() {
        return "ShopPollWorkerFunction";
    }

    @Test
    @Order(1)
    void theShopPollCompletes() {
        seeds.shop();
        noBatchItemFailures(invokeOk(Samples.text("delivery-poller/shop-poll.json")));
    }
}
