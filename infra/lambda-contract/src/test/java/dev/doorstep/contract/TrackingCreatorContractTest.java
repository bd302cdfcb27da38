package dev.doorstep.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.doorstep.core.model.OrderStatus;
import java.time.Instant;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/** TrackingCreatorFunction: the inserted-order stream record creates the AfterShip tracking of that order. */
class TrackingCreatorContractTest extends FunctionContract {

    @Override
    String logicalId() {
        return "TrackingCreatorFunction";
    }

    @Test
    @Order(1)
    void theInsertedOrderGetsItsTracking() {
        seeds.shop();
        seeds.put(Seeds.creatingTracking("820982911946154508", "1Z2345", Instant.parse("2026-03-01T10:00:00Z")));
        noBatchItemFailures(invokeOk(Samples.text("tracking-creator/order-inserted.json")));
        assertThat(seeds.status("820982911946154508")).isEqualTo(OrderStatus.WAITING_FOR_DELIVERY);
    }
}
