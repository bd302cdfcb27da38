package dev.doorstep.core.polling;

import static org.assertj.core.api.Assertions.assertThat;

import dev.doorstep.core.model.OrderKey;
import dev.doorstep.core.model.OrderStatus;
import dev.doorstep.core.tracking.DeliveryTag;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The poll-cost arithmetic of issue 8 on the real poll logic: 100,000 waiting orders across 1,000
 * shops, 5% delivered since the last poll. One list request per shop (its changes fit one page of
 * 200), against the naive poll's one request per waiting order.
 */
class PollScaleTest extends PollFixtures {

    static final int SHOPS = 1_000;
    static final int ORDERS_PER_SHOP = 100;
    static final int CHANGED_PER_SHOP = 5;

    @Test
    void oneRequestPerShopForFivePercentChanged() {
        Instant lastPoll = FULFILLED.plus(Duration.ofDays(3));
        Instant pollStart = lastPoll.plus(Duration.ofHours(12));
        for (int s = 0; s < SHOPS; s++) {
            String shop = "shop-" + s + ".myshopify.com";
            trackedShop(shop);
            shops.recordPoll(shop, lastPoll);
            for (int o = 0; o < ORDERS_PER_SHOP; o++) {
                OrderKey key = new OrderKey(shop, Integer.toString(o));
                waiting(key);
                if (o < CHANGED_PER_SHOP) {
                    Instant delivered = lastPoll.plus(Duration.ofHours(1)).plusSeconds(o);
                    aftership.add(shop, shipment(key, DeliveryTag.DELIVERED, delivered, delivered));
                }
            }
        }

        int scheduled = 0;
        for (String shop : shops.shopsWithDeliveryTracking()) {
            ShopPollOutcome outcome = poll.poll(shop, pollStart, pollStart);
            assertThat(outcome.checkpointed()).isTrue();
            scheduled += outcome.scheduledOnDelivery();
        }

        assertThat(aftership.listRequests.get()).isEqualTo(SHOPS);
        assertThat(scheduled).isEqualTo(SHOPS * CHANGED_PER_SHOP);
        assertThat(schedules).hasSize(SHOPS * CHANGED_PER_SHOP);
        assertThat(stored(new OrderKey("shop-7.myshopify.com", "4")).status()).isEqualTo(OrderStatus.SCHEDULED);
        assertThat(stored(new OrderKey("shop-7.myshopify.com", "5")).status())
                .isEqualTo(OrderStatus.WAITING_FOR_DELIVERY);
    }
}
