package dev.doorstep.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.doorstep.core.model.OrderStatus;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/** FallbackFunction: the TTL deletion of order 1001's FALLBACK entry schedules the order's request now. */
class FallbackContractTest extends FunctionContract {

    @Override
    String logicalId() {
        return "FallbackFunction";
    }

    @Test
    @Order(1)
    void theExpiredFallbackSchedulesTheOrder() {
        seeds.shop();
        seeds.put(Seeds.waitingForDelivery("1001", "1Z1001", "t-1001"));
        noBatchItemFailures(invokeOk(Samples.text("fallback/ttl-remove.json")));
        assertThat(seeds.status("1001")).isEqualTo(OrderStatus.SCHEDULED);
        assertThat(deployment.aws.scheduler.listSchedules(b -> b.groupName("doorstep-review-requests")).schedules())
                .isNotEmpty();
    }
}
