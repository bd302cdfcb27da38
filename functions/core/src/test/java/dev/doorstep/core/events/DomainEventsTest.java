package dev.doorstep.core.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.doorstep.core.events.DomainEvent.DeliverySeen;
import dev.doorstep.core.events.DomainEvent.OrderReceived;
import dev.doorstep.core.events.DomainEvent.ReviewRequestCancelled;
import dev.doorstep.core.events.DomainEvent.ReviewRequestFailed;
import dev.doorstep.core.events.DomainEvent.ReviewRequestScheduled;
import dev.doorstep.core.events.DomainEvent.ReviewRequestSent;
import dev.doorstep.core.events.DomainEvent.ReviewRequestSkipped;
import dev.doorstep.core.events.DomainEvent.TrackingCreated;
import dev.doorstep.core.events.DomainEvent.TrackingFailed;
import dev.doorstep.core.model.Customer;
import dev.doorstep.core.model.Fulfillment;
import dev.doorstep.core.model.Order;
import dev.doorstep.core.model.OrderKey;
import dev.doorstep.core.model.OrderStatus;
import dev.doorstep.core.timing.SendDecision;
import dev.doorstep.core.timing.TimingReason;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DomainEventsTest {

    static final OrderKey KEY = new OrderKey("acme-tea.myshopify.com", "5001");
    static final Instant FULFILLED = Instant.parse("2026-03-02T10:00:00Z");
    static final Instant RECEIVED = FULFILLED.plusSeconds(5);
    static final Customer ADA = new Customer("c-9", "Ada Lovelace", "ada@example.com", "+44 20 7946 0958");

    static Order received() {
        return Order.received(KEY, "#1001", new Fulfillment("f-1", FULFILLED, "1Z999", "UPS", "US"), ADA, List.of(),
                RECEIVED);
    }

    static Order creating() {
        return received().moveTo(OrderStatus.CREATING_TRACKING, "tracking number and carrier given", RECEIVED);
    }

    static Order waiting(Order creating, Instant at) {
        return creating.toBuilder().trackingId("trk-1").trackingAttempts(creating.trackingAttempts() + 1)
                .trackingFailure(null).trackingRetryAt(null).fallbackDeadline(FULFILLED.plus(Duration.ofDays(60)))
                .build().moveTo(OrderStatus.WAITING_FOR_DELIVERY, "AfterShip tracking created", at);
    }

    static Order scheduled(Order order, Instant sendAt, TimingReason reason, String why, Instant at) {
        return order.schedule(new SendDecision(sendAt, reason, sendAt, false, why), at);
    }

    static List<DomainEvent> between(Order before, Order after) {
        return DomainEvents.between(Optional.ofNullable(before), after);
    }

    static List<String> types(List<DomainEvent> events) {
        return events.stream().map(DomainEvent::detailType).toList();
    }

    @Test
    void anInsertIsOrderReceivedFollowedByTheMovesItRecorded() {
        Order inserted = creating();

        List<DomainEvent> events = between(null, inserted);

        assertThat(types(events)).containsExactly("OrderReceived");
        OrderReceived received = (OrderReceived) events.getFirst();
        assertThat(received.header().sequence()).isZero();
        assertThat(received.header().occurredAt()).isEqualTo(RECEIVED);
        assertThat(received.header().orderNumber()).isEqualTo("#1001");
        assertThat(received.fulfilledAt()).isEqualTo(FULFILLED);
    }

    @Test
    void anOrderWithoutTrackingIsReceivedAndScheduledInOneInsert() {
        Order inserted = scheduled(received(), FULFILLED.plus(Duration.ofDays(7)), TimingReason.FULFILLMENT_BASED,
                "7 days after fulfillment, because there is no tracking number", RECEIVED);

        List<DomainEvent> events = between(null, inserted);

        assertThat(types(events)).containsExactly("OrderReceived", "ReviewRequestScheduled");
        var scheduled = (ReviewRequestScheduled) events.get(1);
        assertThat(scheduled.sendAt()).isEqualTo(FULFILLED.plus(Duration.ofDays(7)));
        assertThat(scheduled.timing()).isEqualTo(TimingReason.FULFILLMENT_BASED);
        assertThat(scheduled.reason()).isEqualTo("7 days after fulfillment, because there is no tracking number");
        assertThat(scheduled.header().sequence()).isEqualTo(2);
    }

    @Test
    void trackingCreatedCarriesTheTrackingAndTheFallbackDeadline() {
        Order before = creating();
        Instant at = RECEIVED.plusSeconds(2);

        List<DomainEvent> events = between(before, waiting(before, at));

        assertThat(events).singleElement().isInstanceOfSatisfying(TrackingCreated.class, e -> {
            assertThat(e.trackingId()).isEqualTo("trk-1");
            assertThat(e.fallbackDeadline()).isEqualTo(FULFILLED.plus(Duration.ofDays(60)));
            assertThat(e.header().occurredAt()).isEqualTo(at);
            assertThat(e.header().sequence()).isEqualTo(4); // history index 1
        });
    }

    @Test
    void aFirstTrackingFailureSaysWhyAndWhenTheRetryIs() {
        Order before = creating();
        Instant retryAt = RECEIVED.plus(Duration.ofHours(12));
        Order after = before.toBuilder().trackingAttempts(1).trackingFailure("INVALID_TRACKING_NUMBER")
                .trackingRetryAt(retryAt).build()
                .moveTo(OrderStatus.TRACKING_RETRY, "AfterShip could not create the tracking: invalid tracking"
                        + " number; one more try at " + retryAt, RECEIVED);

        List<DomainEvent> events = between(before, after);

        assertThat(events).singleElement().isInstanceOfSatisfying(TrackingFailed.class, e -> {
            assertThat(e.failure()).isEqualTo("INVALID_TRACKING_NUMBER");
            assertThat(e.attempts()).isEqualTo(1);
            assertThat(e.retryAt()).isEqualTo(retryAt);
            assertThat(e.reason()).startsWith("AfterShip could not create the tracking: invalid tracking number");
        });
    }

    @Test
    void aRetryThatFailsAgainInOneWriteIsOneFailureAtTheRetrysPlace() {
        Instant parkedUntil = RECEIVED.plus(Duration.ofHours(1));
        Order parked = creating().toBuilder().trackingFailure("RATE_LIMITED").trackingRetryAt(parkedUntil).build()
                .moveTo(OrderStatus.TRACKING_RETRY, "rate limited; trying again after " + parkedUntil, RECEIVED);
        Instant retryAt = parkedUntil.plus(Duration.ofHours(12));
        Order after = parked.moveTo(OrderStatus.CREATING_TRACKING, "retrying the AfterShip tracking", parkedUntil)
                .toBuilder().trackingAttempts(1).trackingFailure("COURIER_NOT_SUPPORTED").trackingRetryAt(retryAt)
                .build().moveTo(OrderStatus.TRACKING_RETRY, "courier not supported; one more try at " + retryAt,
                        parkedUntil);

        List<DomainEvent> events = between(parked, after);

        assertThat(events).singleElement().isInstanceOfSatisfying(TrackingFailed.class, e -> {
            assertThat(e.failure()).isEqualTo("COURIER_NOT_SUPPORTED");
            assertThat(e.header().sequence()).isEqualTo(2L * 3 + 2);
        });
    }

    @Test
    void givingUpOnTrackingIsTrackingFailedWithoutRetryThenScheduledFromFulfillment() {
        Instant retryAt = RECEIVED.plus(Duration.ofHours(12));
        Order retrying = creating().toBuilder().trackingAttempts(1).trackingFailure("INVALID_TRACKING_NUMBER")
                .trackingRetryAt(retryAt).build().moveTo(OrderStatus.TRACKING_RETRY, "first failure", RECEIVED);
        Order again = retrying.moveTo(OrderStatus.CREATING_TRACKING, "retrying the AfterShip tracking", retryAt);
        Order gaveUp = scheduled(again.toBuilder().trackingAttempts(2).trackingRetryAt(null).build(),
                FULFILLED.plus(Duration.ofDays(14)), TimingReason.FULFILLMENT_BASED,
                "14 days after fulfillment, because the tracking could not be created", retryAt);

        List<DomainEvent> events = between(again, gaveUp);

        assertThat(types(events)).containsExactly("TrackingFailed", "ReviewRequestScheduled");
        var failed = (TrackingFailed) events.get(0);
        assertThat(failed.retryAt()).isNull();
        assertThat(failed.attempts()).isEqualTo(2);
        assertThat(failed.failure()).isEqualTo("INVALID_TRACKING_NUMBER");
        assertThat(failed.header().sequence()).isEqualTo(events.get(1).header().sequence() - 1);
        assertThat(((ReviewRequestScheduled) events.get(1)).timing()).isEqualTo(TimingReason.FULFILLMENT_BASED);
    }

    @Test
    void switchingTheIntegrationOffIsNoTrackingFailure() {
        Order retrying = creating().toBuilder().trackingAttempts(1).trackingFailure("INVALID_TRACKING_NUMBER")
                .trackingRetryAt(RECEIVED.plus(Duration.ofHours(12))).build()
                .moveTo(OrderStatus.TRACKING_RETRY, "first failure", RECEIVED);
        Order switchedOff = scheduled(retrying, FULFILLED.plus(Duration.ofDays(7)), TimingReason.FULFILLMENT_BASED,
                "7 days after fulfillment, because the AfterShip integration is off", RECEIVED.plusSeconds(60));

        assertThat(types(between(retrying, switchedOff))).containsExactly("ReviewRequestScheduled");
    }

    @Test
    void aDeliveryIsDeliverySeenThenScheduled() {
        Order waiting = waiting(creating(), RECEIVED);
        Instant deliveredAt = FULFILLED.plus(Duration.ofDays(3));
        Instant seen = deliveredAt.plus(Duration.ofHours(5));
        Order after = scheduled(waiting.toBuilder().deliveredAt(deliveredAt).build(),
                deliveredAt.plus(Duration.ofDays(5)), TimingReason.DELIVERY_BASED, "5 days after delivery", seen);

        List<DomainEvent> events = between(waiting, after);

        assertThat(types(events)).containsExactly("DeliverySeen", "ReviewRequestScheduled");
        var delivery = (DeliverySeen) events.get(0);
        assertThat(delivery.deliveredAt()).isEqualTo(deliveredAt);
        assertThat(delivery.source()).as("the order does not record poll or webhook").isNull();
        assertThat(delivery.header().occurredAt()).isEqualTo(seen);
        var scheduled = (ReviewRequestScheduled) events.get(1);
        assertThat(scheduled.sendAt()).isEqualTo(deliveredAt.plus(Duration.ofDays(5)));
        assertThat(scheduled.timing()).isEqualTo(TimingReason.DELIVERY_BASED);
    }

    @Test
    void theFallbackIsScheduledWithoutADelivery() {
        Order waiting = waiting(creating(), RECEIVED);
        Instant deadline = FULFILLED.plus(Duration.ofDays(60));
        Order after = scheduled(waiting, deadline, TimingReason.FALLBACK,
                "no delivery seen 60 days after fulfillment (fallback timing)", deadline);

        List<DomainEvent> events = between(waiting, after);

        assertThat(types(events)).containsExactly("ReviewRequestScheduled");
        assertThat(((ReviewRequestScheduled) events.getFirst()).timing()).isEqualTo(TimingReason.FALLBACK);
    }

    @Test
    void aRescheduleIsANewScheduledEventWithoutASecondDelivery() {
        Order waiting = waiting(creating(), RECEIVED);
        Instant deliveredAt = FULFILLED.plus(Duration.ofDays(3));
        Order first = scheduled(waiting.toBuilder().deliveredAt(deliveredAt).build(),
                deliveredAt.plus(Duration.ofDays(5)), TimingReason.DELIVERY_BASED, "5 days after delivery",
                deliveredAt);
        Order moved = scheduled(first, deliveredAt.plus(Duration.ofDays(6)), TimingReason.DELIVERY_BASED,
                "5 days after delivery; moved into the shop's send window", deliveredAt.plusSeconds(10));

        assertThat(types(between(first, moved))).containsExactly("ReviewRequestScheduled");
    }

    @Test
    void sendingIsInternalAndSentCarriesTheMessageId() {
        Order scheduled = scheduled(received(), RECEIVED, TimingReason.FULFILLMENT_BASED, "now", RECEIVED);
        Instant at = RECEIVED.plusSeconds(30);
        Order sending = scheduled.moveTo(OrderStatus.SENDING, "sending the review request", at).toBuilder()
                .leaseUntil(at.plusSeconds(120)).build();
        Order sent = sending.moveTo(OrderStatus.SENT, "review request sent", at.plusSeconds(1)).toBuilder()
                .messageId("0100018f-ses-id").leaseUntil(null).build();

        assertThat(between(scheduled, sending)).isEmpty();
        assertThat(between(sending, sent)).singleElement().isInstanceOfSatisfying(ReviewRequestSent.class, e -> {
            assertThat(e.messageId()).isEqualTo("0100018f-ses-id");
            assertThat(e.header().occurredAt()).isEqualTo(at.plusSeconds(1));
        });
    }

    @Test
    void aThrottledSendGoingBackToWillSendIsNotANewSchedule() {
        Order scheduled = scheduled(received(), RECEIVED, TimingReason.FULFILLMENT_BASED, "now", RECEIVED);
        Order sending = scheduled.moveTo(OrderStatus.SENDING, "sending the review request", RECEIVED);
        Order released = sending.moveTo(OrderStatus.SCHEDULED, "the mail service was busy; trying again shortly",
                RECEIVED.plusSeconds(3));
        Order retaken = released.moveTo(OrderStatus.SENDING, "sending the review request", RECEIVED.plusSeconds(60));

        assertThat(between(sending, released)).isEmpty();
        assertThat(between(released, retaken)).isEmpty();
    }

    @Test
    void endingsCarryTheirReasonAndWhereTheRequestStood() {
        Order waiting = waiting(creating(), RECEIVED);
        Order scheduled = scheduled(received(), RECEIVED, TimingReason.FULFILLMENT_BASED, "now", RECEIVED);
        Order sending = scheduled.moveTo(OrderStatus.SENDING, "sending the review request", RECEIVED);

        var cancelled = between(waiting, waiting.moveTo(OrderStatus.CANCELLED, "the order was cancelled", RECEIVED));
        var skipped = between(scheduled, scheduled.moveTo(OrderStatus.SKIPPED,
                "the customer unsubscribed from review requests", RECEIVED));
        var failed = between(sending, sending.moveTo(OrderStatus.FAILED,
                "the mail service rejected the message: address does not exist", RECEIVED));

        assertThat(cancelled).singleElement().isInstanceOfSatisfying(ReviewRequestCancelled.class, e -> {
            assertThat(e.reason()).isEqualTo("the order was cancelled");
            assertThat(e.previousStatus()).isEqualTo(OrderStatus.WAITING_FOR_DELIVERY);
        });
        assertThat(skipped).singleElement().isInstanceOfSatisfying(ReviewRequestSkipped.class,
                e -> assertThat(e.previousStatus()).isEqualTo(OrderStatus.SCHEDULED));
        assertThat(failed).singleElement().isInstanceOfSatisfying(ReviewRequestFailed.class,
                e -> assertThat(e.previousStatus()).isEqualTo(OrderStatus.SENDING));
    }

    @Test
    void anOrderCancelledBeforeItWasFulfilledIsReceivedThenCancelled() {
        Order inserted = received().moveTo(OrderStatus.CANCELLED, "the order was cancelled in Shopify", RECEIVED);

        assertThat(types(between(null, inserted))).containsExactly("OrderReceived", "ReviewRequestCancelled");
    }

    @Test
    void aWriteThatMovesNothingTellsNothing() {
        Order waiting = waiting(creating(), RECEIVED);

        assertThat(between(waiting, waiting.toBuilder().version(waiting.version() + 1).build())).isEmpty();
    }

    @Test
    void reasonsNeverCarryTheCustomersEmailNameOrPhone() {
        Order sending = scheduled(received(), RECEIVED, TimingReason.FULFILLMENT_BASED, "now", RECEIVED)
                .moveTo(OrderStatus.SENDING, "sending", RECEIVED);
        Order failed = sending.moveTo(OrderStatus.FAILED, "rejected for ada@example.com (ADA LOVELACE, tel"
                + " +44 20 7946 0958); also bob@other.example", RECEIVED);

        var event = (ReviewRequestFailed) between(sending, failed).getFirst();

        assertThat(event.reason()).doesNotContainIgnoringCase("ada").doesNotContain("7946").doesNotContain("bob@")
                .isEqualTo("rejected for [address] ([customer], tel [phone]); also [address]");
    }

    @Test
    void aShortNameDoesNotEatOtherWords() {
        Order sending = scheduled(received().toBuilder().customer(new Customer("c", "Al", null, null)).build(),
                RECEIVED, TimingReason.FULFILLMENT_BASED, "now", RECEIVED)
                .moveTo(OrderStatus.SENDING, "sending", RECEIVED);

        var event = (ReviewRequestFailed) between(sending,
                sending.moveTo(OrderStatus.FAILED, "Already rejected", RECEIVED)).getFirst();

        assertThat(event.reason()).isEqualTo("Already rejected");
    }

    @Test
    void aVeryLongReasonIsCut() {
        Order sending = scheduled(received(), RECEIVED, TimingReason.FULFILLMENT_BASED, "now", RECEIVED)
                .moveTo(OrderStatus.SENDING, "sending", RECEIVED);

        var event = (ReviewRequestFailed) between(sending,
                sending.moveTo(OrderStatus.FAILED, "x".repeat(10_000), RECEIVED)).getFirst();

        assertThat(event.reason()).hasSize(CustomerRedaction.MAX_REASON_LENGTH);
    }

    /** A whole life written step by step, as the store's stream shows it. */
    static List<Order> lifeToSent() {
        List<Order> writes = new ArrayList<>();
        Order o = creating();
        writes.add(o);
        Instant retryAt = RECEIVED.plus(Duration.ofHours(12));
        o = o.toBuilder().trackingAttempts(1).trackingFailure("INVALID_COURIER").trackingRetryAt(retryAt).build()
                .moveTo(OrderStatus.TRACKING_RETRY, "invalid courier; one more try at " + retryAt, RECEIVED);
        writes.add(o);
        o = waiting(o.moveTo(OrderStatus.CREATING_TRACKING, "retrying the AfterShip tracking", retryAt), retryAt);
        writes.add(o);
        Instant delivered = FULFILLED.plus(Duration.ofDays(4));
        o = scheduled(o.toBuilder().deliveredAt(delivered).build(), delivered.plus(Duration.ofDays(5)),
                TimingReason.DELIVERY_BASED, "5 days after delivery", delivered.plus(Duration.ofHours(6)));
        writes.add(o);
        Instant sendAt = delivered.plus(Duration.ofDays(5));
        o = o.moveTo(OrderStatus.SENDING, "sending the review request", sendAt);
        writes.add(o);
        o = o.moveTo(OrderStatus.SENT, "review request sent", sendAt.plusSeconds(1)).toBuilder().messageId("m-1")
                .build();
        writes.add(o);
        return writes;
    }

    @Test
    void aWholeLifeTellsEachFactOnceInOrderWithStableIds() {
        List<Order> writes = lifeToSent();
        List<DomainEvent> all = new ArrayList<>();
        Order before = null;
        for (Order after : writes) {
            all.addAll(between(before, after));
            before = after;
        }

        assertThat(types(all)).containsExactly("OrderReceived", "TrackingFailed", "TrackingCreated", "DeliverySeen",
                "ReviewRequestScheduled", "ReviewRequestSent");
        assertThat(all).extracting(e -> e.header().sequence()).isSorted().doesNotHaveDuplicates();
        assertThat(all).extracting(e -> e.header().eventId()).doesNotHaveDuplicates();
        assertThat(all).extracting(e -> e.header().occurredAt()).isSorted();

        // A stream retry reads the same images again: the same events, ids included.
        List<DomainEvent> again = new ArrayList<>();
        before = null;
        for (Order after : writes) {
            again.addAll(between(before, after));
            before = after;
        }
        assertThat(again).isEqualTo(all);
    }

    @Test
    void idsDependOnTheOrderItsLifeAndThePlaceOfTheFact() {
        Set<String> ids = new HashSet<>();
        ids.add(EventIds.of(KEY, RECEIVED, 0));
        ids.add(EventIds.of(KEY, RECEIVED, 1));
        ids.add(EventIds.of(new OrderKey(KEY.shop(), "5002"), RECEIVED, 0));
        ids.add(EventIds.of(new OrderKey("other.myshopify.com", KEY.orderId()), RECEIVED, 0));
        ids.add(EventIds.of(KEY, RECEIVED.plusSeconds(1), 0)); // received again after a reinstall

        assertThat(ids).hasSize(5);
        assertThat(EventIds.of(KEY, RECEIVED, 3)).isEqualTo(EventIds.of(KEY, RECEIVED, 3))
                .matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    }

    @Test
    void everyStatusMoveTheStateMachineAllowsDerivesWithoutError() {
        // Exhaustive over the state machine: each allowed move, from an order that reached its source status.
        for (OrderStatus from : OrderStatus.values()) {
            for (OrderStatus to : from.allowedNext()) {
                Order before = received().toBuilder().version(1).build();
                before = new Order(before.key(), before.orderNumber(), before.fulfillment(), before.customer(),
                        before.lineItems(), from, "there", List.of(), "trk", 1, null, null, null, null,
                        RECEIVED.plusSeconds(9), TimingReason.FULFILLMENT_BASED, null, "m", RECEIVED, 1);
                Order after = before.moveTo(to, "moved", RECEIVED.plusSeconds(10));

                List<DomainEvent> events = between(before, after);

                boolean silent = to == OrderStatus.CREATING_TRACKING || to == OrderStatus.SENDING
                        || (from == OrderStatus.SENDING && to == OrderStatus.SCHEDULED);
                assertThat(events).as(from + " -> " + to).hasSize(silent ? 0 : 1);
                events.forEach(e -> assertThat(e.header().sequence()).isEqualTo(2));
            }
        }
    }
}
