package dev.doorstep.core.polling;

import static org.assertj.core.api.Assertions.assertThat;

import dev.doorstep.core.delivery.Checkpoint;
import dev.doorstep.core.model.OrderKey;
import dev.doorstep.core.model.OrderStatus;
import dev.doorstep.core.model.Shop;
import dev.doorstep.core.timing.TimingReason;
import dev.doorstep.core.tracking.DeliveryTag;
import dev.doorstep.core.tracking.TrackingFailure;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ShopPollTest extends PollFixtures {

    static final String SHOP = "demo.myshopify.com";
    static final Instant POLL = FULFILLED.plus(Duration.ofDays(5));
    static final Instant NOW = POLL.plusSeconds(30);

    final OrderKey a = new OrderKey(SHOP, "1001");
    final OrderKey b = new OrderKey(SHOP, "1002");

    ShopPollTest() {
        trackedShop(SHOP);
    }

    @Test
    void deliveredIsScheduledFromTheDeliveryDateAndTheCheckpointMoves() {
        waiting(a);
        Instant delivered = FULFILLED.plus(Duration.ofDays(4));
        aftership.add(SHOP, shipment(a, DeliveryTag.DELIVERED, delivered, delivered));

        ShopPollOutcome outcome = poll.poll(SHOP, POLL, NOW);

        assertThat(outcome.complete()).isTrue();
        assertThat(outcome.scheduledOnDelivery()).isEqualTo(1);
        assertThat(outcome.checkpointed()).isTrue();
        assertThat(stored(a).status()).isEqualTo(OrderStatus.SCHEDULED);
        assertThat(stored(a).deliveredAt()).isEqualTo(delivered);
        // 3 days after delivery ends before the 7-day domestic minimum: the floor wins
        assertThat(stored(a).sendAt()).isEqualTo(FULFILLED.plus(Duration.ofDays(7)));
        assertThat(schedules).containsEntry(a, FULFILLED.plus(Duration.ofDays(7)));
        assertThat(shops.find(SHOP).orElseThrow().lastPolledAt()).isEqualTo(POLL);
    }

    @Test
    void expiredWithADeliveryScanCountsAsDelivered() {
        waiting(a);
        Instant scan = FULFILLED.plus(Duration.ofDays(6));
        aftership.add(SHOP, shipment(a, DeliveryTag.EXPIRED, null, POLL.minusSeconds(60),
                new Checkpoint(FULFILLED.plus(Duration.ofDays(1)), "InTransit", "InTransit_001", "departed"),
                new Checkpoint(scan, "Delivered", "Delivered_001", "delivered")));

        assertThat(poll.poll(SHOP, POLL, NOW).scheduledOnDelivery()).isEqualTo(1);
        assertThat(stored(a).deliveredAt()).isEqualTo(scan);
        assertThat(stored(a).sendAt()).isEqualTo(scan.plus(Duration.ofDays(3)));
        assertThat(stored(a).sendReason()).isEqualTo(TimingReason.DELIVERY_BASED);
    }

    @Test
    void expiredWithoutEvidenceFallsBackToFulfillmentTiming() {
        waiting(a);
        aftership.add(SHOP, shipment(a, DeliveryTag.EXPIRED, null, POLL.minusSeconds(60)));

        assertThat(poll.poll(SHOP, POLL, NOW).scheduledOnFulfillment()).isEqualTo(1);
        assertThat(stored(a).sendReason()).isEqualTo(TimingReason.FULFILLMENT_BASED);
        assertThat(stored(a).sendAt()).isEqualTo(FULFILLED.plus(Duration.ofDays(7)));
    }

    @Test
    void parcelsStillOnTheirWayCostNoRead() {
        waiting(a);
        aftership.add(SHOP, shipment(a, DeliveryTag.IN_TRANSIT, null, POLL.minusSeconds(60)));

        ShopPollOutcome outcome = poll.poll(SHOP, POLL, NOW);

        assertThat(outcome.trackingsSeen()).isEqualTo(1);
        assertThat(outcome.checkpointed()).isTrue();
        assertThat(stored(a).status()).isEqualTo(OrderStatus.WAITING_FOR_DELIVERY);
    }

    @Test
    void aTrackingOfAnotherFulfillmentIsIgnored() {
        waiting(a);
        var other = new dev.doorstep.core.tracking.TrackedShipment("trk-updated-fulfillment", "9X", "ups",
                a.orderId(), DeliveryTag.DELIVERED, "Delivered_001", POLL.minusSeconds(90), POLL.minusSeconds(60),
                java.util.List.of());
        aftership.add(SHOP, other);

        ShopPollOutcome outcome = poll.poll(SHOP, POLL, NOW);

        assertThat(outcome.notOurs()).isEqualTo(1);
        assertThat(stored(a).status()).isEqualTo(OrderStatus.WAITING_FOR_DELIVERY);
    }

    @Test
    void theFirstPollLooksBackThirtyDaysAndTheNextOnlySinceTheCheckpointWithOverlap() {
        poll.poll(SHOP, POLL, NOW);
        Instant next = POLL.plus(Duration.ofHours(12));
        poll.poll(SHOP, next, next);

        assertThat(aftership.queries).hasSize(2);
        assertThat(aftership.queries.get(0).updatedSince()).isEqualTo(POLL.minus(Duration.ofDays(30)));
        assertThat(aftership.queries.get(0).updatedUntil()).isEqualTo(POLL);
        assertThat(aftership.queries.get(1).updatedSince()).isEqualTo(POLL.minus(ShopPoll.OVERLAP));
        assertThat(aftership.queries.get(1).updatedUntil()).isEqualTo(next);
    }

    @Test
    void aShopWithALongerPollIntervalIsSkippedUntilItIsDue() {
        Shop shop = shops.find(SHOP).orElseThrow();
        shops.save(new Shop(shop.settings().toBuilder().pollInterval(Duration.ofHours(24)).build(), true, null));
        poll.poll(SHOP, POLL, NOW);

        ShopPollOutcome halfway = poll.poll(SHOP, POLL.plus(Duration.ofHours(12)), NOW.plus(Duration.ofHours(12)));
        poll.poll(SHOP, POLL.plus(Duration.ofHours(24)), NOW.plus(Duration.ofHours(24)));

        assertThat(halfway.skipped()).contains("poll interval");
        assertThat(aftership.queries).hasSize(2);
    }

    @Test
    void aShopWhoseAfterShipWebhooksArriveIsPolledEverySixtyHoursAsASafetyNet() {
        poll.poll(SHOP, POLL, NOW);
        for (int cycle = 1; cycle <= 5; cycle++) {
            Instant start = POLL.plus(Duration.ofHours(12L * cycle));
            shops.recordAfterShipWebhook(SHOP, start.minus(Duration.ofHours(2))); // events keep arriving
            ShopPollOutcome outcome = poll.poll(SHOP, start, start);
            if (cycle < 5) {
                assertThat(outcome.skipped()).as("cycle %d", cycle).contains("AfterShip webhooks are arriving");
            } else {
                assertThat(outcome.skipped()).as("cycle 5, 60 h later").isNull();
            }
        }
        assertThat(aftership.queries).hasSize(2);
    }

    @Test
    void whenTheWebhooksStopTheShopIsBackOnItsOwnIntervalWithinADay() {
        shops.recordAfterShipWebhook(SHOP, POLL.minus(Duration.ofHours(1)));
        poll.poll(SHOP, POLL, NOW);

        ShopPollOutcome twelveHoursOn = poll.poll(SHOP, POLL.plus(Duration.ofHours(12)), NOW.plus(Duration.ofHours(12)));
        ShopPollOutcome aDayOn = poll.poll(SHOP, POLL.plus(Duration.ofHours(26)), NOW.plus(Duration.ofHours(26)));

        assertThat(twelveHoursOn.skipped()).contains("webhooks");
        assertThat(aDayOn.skipped()).isNull();
        assertThat(aftership.queries).hasSize(2);
    }

    @Test
    void aPollKilledOnPageTwoKeepsTheCheckpointAndTheRerunConverges() {
        int count = FakeAfterShip.PAGE + 50;
        for (int i = 0; i < count; i++) {
            OrderKey key = new OrderKey(SHOP, Integer.toString(5000 + i));
            waiting(key);
            Instant delivered = FULFILLED.plus(Duration.ofDays(3)).plusSeconds(i);
            aftership.add(SHOP, shipment(key, DeliveryTag.DELIVERED, delivered, delivered));
        }
        aftership.failOnRequest = 2;

        ShopPollOutcome killed = poll.poll(SHOP, POLL, NOW);

        assertThat(killed.complete()).isFalse();
        assertThat(killed.retry()).isTrue();
        assertThat(killed.scheduledOnDelivery()).isEqualTo(FakeAfterShip.PAGE);
        assertThat(shops.find(SHOP).orElseThrow().lastPolledAt()).isNull();

        ShopPollOutcome rerun = poll.poll(SHOP, POLL, NOW);

        assertThat(rerun.complete()).isTrue();
        assertThat(rerun.alreadyHandled()).isEqualTo(FakeAfterShip.PAGE);
        assertThat(rerun.scheduledOnDelivery()).isEqualTo(50);
        assertThat(rerun.checkpointed()).isTrue();
        assertThat(schedules).hasSize(count);
        assertThat(orders().stream().allMatch(o -> o.status() == OrderStatus.SCHEDULED)).isTrue();
    }

    @Test
    void anInvalidKeyIsNotRetriedSoon() {
        aftership.failOnRequest = 1;
        aftership.failWith = TrackingFailure.INVALID_API_KEY;

        ShopPollOutcome outcome = poll.poll(SHOP, POLL, NOW);

        assertThat(outcome.complete()).isFalse();
        assertThat(outcome.retry()).isFalse();
        assertThat(outcome.checkpointed()).isFalse();
    }

    @Test
    void aLateDuplicateMessageDoesNothing() {
        poll.poll(SHOP, POLL, NOW);

        ShopPollOutcome again = poll.poll(SHOP, POLL.minusSeconds(5), NOW);

        assertThat(again.skipped()).startsWith("already polled up to");
        assertThat(aftership.listRequests.get()).isEqualTo(1);
    }

    @Test
    void shopsWithTheIntegrationOffOrUninstalledAreNotPolled() {
        Shop shop = shops.find(SHOP).orElseThrow();
        shops.save(new Shop(shop.settings().toBuilder().aftershipEnabled(false).build(), true, null));
        assertThat(poll.poll(SHOP, POLL, NOW).skipped()).contains("switched off");
        shops.save(new Shop(shop.settings(), false, null));
        assertThat(poll.poll(SHOP, POLL, NOW).skipped()).contains("not installed");
        assertThat(aftership.listRequests.get()).isZero();
    }

    private java.util.List<dev.doorstep.core.model.Order> orders() {
        return orders.ordersOf(SHOP, null, 10_000).items();
    }
}
