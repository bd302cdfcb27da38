package dev.doorstep.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.doorstep.core.model.Order;
import dev.doorstep.core.model.OrderStatus;
import org.junit.jupiter.api.Test;

/** AfterShipWebhookFunction: the signed Delivered sample verifies with the shop's secret and schedules order 1001. */
class AfterShipWebhookContractTest extends FunctionContract {

    @Override
    String logicalId() {
        return "AfterShipWebhookFunction";
    }

    @Test
    @org.junit.jupiter.api.Order(1)
    void theDeliveredSampleSchedulesItsOrder() {
        seeds.shop();
        seeds.put(Seeds.waitingForDelivery("1001", "1Z999AA10123456784", "k5lh7dy7vvqeck71p5loe011"));
        httpOk(Samples.text("aftership-webhook/delivered.json"), 200);
        Order order = seeds.find("1001");
        assertThat(order.status()).isEqualTo(OrderStatus.SCHEDULED);
        assertThat(order.deliveredAt()).isNotNull();
    }
}
