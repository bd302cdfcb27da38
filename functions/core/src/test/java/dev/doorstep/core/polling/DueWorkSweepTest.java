package dev.doorstep.core.polling;

import static org.assertj.core.api.Assertions.assertThat;

import dev.doorstep.core.model.Order;
import dev.doorstep.core.model.OrderKey;
import dev.doorstep.core.model.OrderStatus;
import dev.doorstep.core.model.Shop;
import dev.doorstep.core.timing.TimingReason;
import dev.doorstep.core.tracking.TrackingCreated;
import dev.doorstep.core.tracking.TrackingFailure;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class DueWorkSweepTest extends PollFixtures {

    static final String SHOP = "demo.myshopify.com";

    final DueWorkSweep sweep = new DueWorkSweep(orders, shops, creation, fallbacks, planner, scheduler, 3);

    DueWorkSweepTest() {
        trackedShop(SHOP);
    }

    /** An order whose first tracking creation failed, retry due at {@code retryAt}. */
    Order trackingRetry(OrderKey key, Instant retryAt) {
        Order order = received(key).toBuilder().trackingAttempts(1).trackingFailure("INVALID_TRACKING_NUMBER")
                .trackingRetryAt(retryAt).build()
                .moveTo(OrderStatus.CREATING_TRACKING, "trackable", FULFILLED)
                .moveTo(OrderStatus.TRACKING_RETRY, "first attempt failed", FULFILLED);
        orders.insert(order);
        return stored(key);
    }

    @Test
    void aDueRetryThatFailsAgainFallsBackToFulfillmentTiming() {
        OrderKey key = new OrderKey(SHOP, "1");
        trackingRetry(key, FULFILLED.plus(Duration.ofHours(12)));
        aftership.createAnswers.add(new TrackingCreated.Failed(TrackingFailure.INVALID_TRACKING_NUMBER, "4005"));

        SweepOutcome outcome = sweep.sweep(FULFILLED.plus(Duration.ofHours(13)), () -> true);

        assertThat(outcome.trackingGivenUp()).isEqualTo(1);
        assertThat(stored(key).status()).isEqualTo(OrderStatus.SCHEDULED);
        assertThat(stored(key).sendReason()).isEqualTo(TimingReason.FULFILLMENT_BASED);
        assertThat(schedules).containsKey(key);
    }

    @Test
    void aDueRetryThatSucceedsWaitsForDelivery() {
        OrderKey key = new OrderKey(SHOP, "1");
        trackingRetry(key, FULFILLED.plus(Duration.ofHours(12)));
        aftership.createAnswers.add(new TrackingCreated.Tracked("trk-1", "ups", false));

        assertThat(sweep.sweep(FULFILLED.plus(Duration.ofHours(13)), () -> true).trackingCreated()).isEqualTo(1);
        assertThat(stored(key).status()).isEqualTo(OrderStatus.WAITING_FOR_DELIVERY);
    }

    @Test
    void aRetryNotYetDueIsLeftAlone() {
        OrderKey key = new OrderKey(SHOP, "1");
        trackingRetry(key, FULFILLED.plus(Duration.ofHours(12)));

        assertThat(sweep.sweep(FULFILLED.plus(Duration.ofHours(11)), () -> true).ordersRead()).isZero();
        assertThat(aftership.createRequests.get()).isZero();
    }

    @Test
    void aTrackingCreationTheStreamRetriesGaveUpOnIsMadeByTheSweepOnceItsGraceIsOver() {
        OrderKey key = new OrderKey(SHOP, "1");
        orders.insert(received(key).toBuilder().fallbackDeadline(FULFILLED.plus(Duration.ofDays(60))).build()
                .moveTo(OrderStatus.CREATING_TRACKING, "trackable", FULFILLED));
        aftership.createAnswers.add(new TrackingCreated.Tracked("trk-1", "ups", false));

        assertThat(sweep.sweep(FULFILLED.plus(Duration.ofHours(6)), () -> true).ordersRead())
                .as("within the grace the tracking creator's own retries may still come").isZero();
        SweepOutcome outcome = sweep.sweep(FULFILLED.plus(Order.TRACKING_CREATION_GRACE), () -> true);

        assertThat(outcome.trackingCreated()).isEqualTo(1);
        assertThat(aftership.createRequests.get()).isEqualTo(1);
        assertThat(stored(key).status()).isEqualTo(OrderStatus.WAITING_FOR_DELIVERY);
        assertThat(stored(key).dueAt()).contains(FULFILLED.plus(Duration.ofDays(60)));
    }

    @Test
    void theFallbackDeadlineSchedulesNowWithReasonFallback() {
        OrderKey key = new OrderKey(SHOP, "1");
        waiting(key);
        Instant now = FULFILLED.plus(Duration.ofDays(61));

        SweepOutcome outcome = sweep.sweep(now, () -> true);

        assertThat(outcome.fallbacksUsed()).isEqualTo(1);
        assertThat(stored(key).status()).isEqualTo(OrderStatus.SCHEDULED);
        assertThat(stored(key).sendReason()).isEqualTo(TimingReason.FALLBACK);
        assertThat(schedules.get(key)).isEqualTo(now);
        // run again (a sweep that died and was retried): nothing more happens
        assertThat(sweep.sweep(now, () -> true).fallbacksUsed()).isZero();
    }

    @Test
    void anOverdueSendHasItsScheduleEnsuredAgain() {
        OrderKey key = new OrderKey(SHOP, "1");
        Order waiting = waiting(key);
        Order scheduled = planner.decide(waiting, shops.find(SHOP).orElseThrow().settings(),
                dev.doorstep.core.timing.TimingBasis.delivered(FULFILLED.plus(Duration.ofDays(5))),
                FULFILLED.plus(Duration.ofDays(5)));
        orders.update(waiting, scheduled); // written, but the crash came before the schedule
        assertThat(schedules).isEmpty();

        SweepOutcome outcome = sweep.sweep(scheduled.sendAt().plus(Duration.ofHours(2)), () -> true);

        assertThat(outcome.schedulesEnsured()).isEqualTo(1);
        assertThat(schedules).containsEntry(key, scheduled.sendAt());
    }

    @Test
    void aSendWhoseClaimRanOutLongAgoIsHandedBackToTheSender() {
        OrderKey key = new OrderKey(SHOP, "1");
        Order waiting = waiting(key);
        Instant sendAt = FULFILLED.plus(Duration.ofDays(8));
        Order sending = planner.decide(waiting, shops.find(SHOP).orElseThrow().settings(),
                dev.doorstep.core.timing.TimingBasis.delivered(FULFILLED.plus(Duration.ofDays(5))), sendAt)
                .moveTo(OrderStatus.SENDING, "sending", sendAt).toBuilder().leaseUntil(sendAt.plusSeconds(300)).build();
        orders.update(waiting, sending);

        assertThat(sweep.sweep(sendAt.plusSeconds(600), () -> true).sendsRearmed()).isZero();
        Instant later = sendAt.plus(Duration.ofHours(2));
        assertThat(sweep.sweep(later, () -> true).sendsRearmed()).isEqualTo(1);
        assertThat(schedules).containsEntry(key, later);
    }

    @Test
    void ordersThatStayDueDoNotHideTheOnesBehindThem() {
        // fallback switched off after the orders were recorded: they stay due but need nothing
        Shop shop = shops.find(SHOP).orElseThrow();
        for (int i = 0; i < 5; i++) {
            waiting(new OrderKey(SHOP, "stuck-" + i));
        }
        shops.save(new Shop(shop.settings().toBuilder().fallbackEnabled(false).build(), true, null));
        OrderKey retry = new OrderKey(SHOP, "retry");
        trackingRetry(retry, FULFILLED.plus(Duration.ofDays(70)));
        aftership.createAnswers.add(new TrackingCreated.Tracked("trk-r", "ups", false));

        SweepOutcome outcome = sweep.sweep(FULFILLED.plus(Duration.ofDays(71)), () -> true);

        assertThat(outcome.nothingToDo()).isEqualTo(5);
        assertThat(outcome.trackingCreated()).isEqualTo(1);
        assertThat(stored(retry).status()).isEqualTo(OrderStatus.WAITING_FOR_DELIVERY);
    }

    @Test
    void aSweepOutOfTimeStopsAndTheNextOneFinishes() {
        for (int i = 0; i < 4; i++) {
            waiting(new OrderKey(SHOP, Integer.toString(i)));
        }
        Instant now = FULFILLED.plus(Duration.ofDays(61));
        AtomicInteger budget = new AtomicInteger(2);

        SweepOutcome first = sweep.sweep(now, () -> budget.getAndDecrement() > 0);
        SweepOutcome second = sweep.sweep(now, () -> true);

        assertThat(first.outOfTime()).isTrue();
        assertThat(first.fallbacksUsed()).isEqualTo(2);
        assertThat(second.fallbacksUsed()).isEqualTo(2);
        assertThat(schedules).hasSize(4);
    }
}
