package dev.doorstep.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.doorstep.core.model.OrderStatus;
import java.time.Instant;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * OrderStreamFunction, the table stream's reader for the tracking creator and the 60-day fallback:
 * the inserted order gets its AfterShip tracking, the TTL-expired FALLBACK entry schedules order
 * 1001 now, and the mixed batch routes each record to its own logic.
 */
class OrderStreamContractTest extends FunctionContract {

    static final String INSERTED = "820982911946154508";

    @Override
    String logicalId() {
        return "OrderStreamFunction";
    }

    void seedOrders() {
        seeds.shop();
        seeds.put(Seeds.creatingTracking(INSERTED, "1Z2345", Instant.parse("2026-03-01T10:00:00Z")));
        seeds.put(Seeds.waitingForDelivery("1001", "1Z1001", "t-1001"));
    }

    @Test
    @Order(1)
    void theInsertedOrderGetsItsTracking() {
        seedOrders();
        noBatchItemFailures(invokeOk(Samples.text("order-stream/order-inserted.json")));
        assertThat(seeds.status(INSERTED)).isEqualTo(OrderStatus.WAITING_FOR_DELIVERY);
    }

    @Test
    @Order(2)
    void theExpiredFallbackSchedulesTheOrder() {
        seedOrders();
        noBatchItemFailures(invokeOk(Samples.text("order-stream/ttl-remove.json")));
        assertThat(seeds.status("1001")).isEqualTo(OrderStatus.SCHEDULED);
        assertThat(deployment.aws.scheduler.listSchedules(b -> b.groupName("doorstep-review-requests")).schedules())
                .isNotEmpty();
    }

    @Test
    @Order(3)
    void theMixedBatchRoutesEachRecord() {
        seedOrders();
        noBatchItemFailures(invokeOk(Samples.text("order-stream/mixed-batch.json")));
        assertThat(seeds.status(INSERTED)).isEqualTo(OrderStatus.WAITING_FOR_DELIVERY);
        assertThat(seeds.status("1001")).isEqualTo(OrderStatus.SCHEDULED);
    }
}
