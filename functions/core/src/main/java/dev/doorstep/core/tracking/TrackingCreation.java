package dev.doorstep.core.tracking;

import dev.doorstep.core.delivery.LastParcel;
import dev.doorstep.core.model.Order;
import dev.doorstep.core.model.OrderKey;
import dev.doorstep.core.model.OrderStatus;
import dev.doorstep.core.model.Parcel;
import dev.doorstep.core.model.Shop;
import dev.doorstep.core.model.ShopSettings;
import dev.doorstep.core.planning.ReviewRequestPlanner;
import dev.doorstep.core.polling.WakeUps;
import dev.doorstep.core.port.OrderStore;
import dev.doorstep.core.port.OrderWakeUps;
import dev.doorstep.core.port.ShopStore;
import dev.doorstep.core.port.StaleOrderException;
import dev.doorstep.core.port.TrackingIndex;
import dev.doorstep.core.timing.FulfillmentTimingCause;
import dev.doorstep.core.timing.TimingBasis;
import dev.doorstep.core.timing.TimingPolicy;
import dev.doorstep.core.timing.TrackingRetry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The seed's tracking creation: create the tracking in AfterShip; on success "Waiting for delivery";
 * on a first failure one more try after the shop's retry delay (12 h); on a second failure
 * fulfillment timing. The failure reason stays on the order for the merchant.
 *
 * <p>Transient failures (rate limit, 5xx, timeouts, after the adapter's own bounded retries) say
 * nothing about the order, so they never use one of the two attempts: when the caller can retry
 * (a young stream record) nothing is written and the caller retries; otherwise the order is parked in
 * TRACKING_RETRY, due after {@link #PARK_DELAY}, and the poll's sweep of due orders retries it.
 *
 * <p>AfterShip is asked once per call; the answer is then applied to the freshest copy of the order
 * (optimistic writes: on a {@link StaleOrderException} the order is read again and re-decided).
 */
public final class TrackingCreation {

    /** How long a parked order waits before the poll's sweep retries it (it picks it up at the next poll). */
    public static final Duration PARK_DELAY = Duration.ofHours(1);
    private static final int WRITE_TRIES = 5;

    private final OrderStore orders;
    private final ShopStore shops;
    private final TrackingService aftership;
    private final ReviewRequestPlanner planner;
    private final TimingPolicy policy;
    private final WakeUps wakeUps;
    private final TrackingIndex index;

    /** Without wake-ups: retries and fallbacks then wait for the poll's sweep (tests, tools). */
    public TrackingCreation(OrderStore orders, ShopStore shops, TrackingService aftership,
            ReviewRequestPlanner planner, TimingPolicy policy) {
        this(orders, shops, aftership, planner, policy, OrderWakeUps.NONE);
    }

    /** @param wakeUps makes the retry time the status names the time the retry runs */
    public TrackingCreation(OrderStore orders, ShopStore shops, TrackingService aftership,
            ReviewRequestPlanner planner, TimingPolicy policy, OrderWakeUps wakeUps) {
        this(orders, shops, aftership, planner, policy, wakeUps, TrackingIndex.NONE);
    }

    /** @param index where each order that takes a tracking is recorded, so the poll and webhook find it */
    public TrackingCreation(OrderStore orders, ShopStore shops, TrackingService aftership,
            ReviewRequestPlanner planner, TimingPolicy policy, OrderWakeUps wakeUps, TrackingIndex index) {
        this.index = index;
        this.orders = orders;
        this.shops = shops;
        this.aftership = aftership;
        this.planner = planner;
        this.policy = policy;
        this.wakeUps = new WakeUps(wakeUps);
    }

    /**
     * One attempt for the order.
     *
     * @param callerCanRetry true when a transient failure should be left to the caller to retry
     *     (nothing written); false when the caller will not come back, so the order is parked instead
     */
    public CreationOutcome attempt(OrderKey key, Instant now, boolean callerCanRetry) {
        Optional<Order> found = orders.find(key);
        if (found.isEmpty()) {
            return new CreationOutcome.NothingToDo("order not found");
        }
        Order order = found.get();
        Optional<String> notNow = whyNotNow(order, now);
        if (notNow.isPresent()) {
            // A retry not yet due: its wake-up may have been lost (a crash after the write), so set it again.
            wakeUps.ensure(order, now);
            return new CreationOutcome.NothingToDo(notNow.get());
        }
        Optional<Shop> shop = shops.find(key.shop());
        if (shop.isEmpty() || !shop.get().installed()) {
            return new CreationOutcome.NothingToDo("shop is not installed");
        }
        ShopSettings settings = shop.get().settings();

        if (policy.fulfillmentTimingCause(settings, order.fulfillment()).isPresent()) {
            // Switched off (or no longer trackable) since the order was stored: time it from fulfillment now.
            FulfillmentTimingCause cause = policy.fulfillmentTimingCause(settings, order.fulfillment()).get();
            return apply(key, now, settings, o -> giveUp(o, settings, cause, null, now), callerCanRetry);
        }

        TrackingCreated answer = aftership.create(TrackingRequest.forOrder(order, settings));
        if (answer instanceof TrackingCreated.Failed f && f.reason().isTransient() && callerCanRetry) {
            return new CreationOutcome.TryAgainSoon(f.reason());
        }
        if (answer instanceof TrackingCreated.Tracked t) {
            // Indexed before the order says so: an entry for an order that then did not take the tracking is
            // ignored (the order's own tracking id decides), a missing one would hide a delivery.
            index.add(key, t.trackingId());
        }
        return apply(key, now, settings, o -> decide(o, settings, answer, now), callerCanRetry);
    }

    /**
     * Creates the AfterShip trackings of an order's later parcels (an order timed on its last parcel), so the
     * poll and the webhook follow each. A parcel AfterShip refuses is not waited for (the fallback and the
     * minimum delay still count from the last fulfillment); one it could not take now stays to be tracked.
     *
     * @return how many parcels were newly tracked
     */
    public int trackParcels(OrderKey key, Instant now) {
        for (int i = 0; i < WRITE_TRIES; i++) {
            Optional<Order> found = orders.find(key);
            if (found.isEmpty() || found.get().status() != OrderStatus.WAITING_FOR_DELIVERY
                    || found.get().parcels().stream().noneMatch(Parcel::untracked)) {
                return 0;
            }
            Optional<Shop> shop = shops.find(key.shop());
            if (shop.isEmpty() || !shop.get().installed()) {
                return 0;
            }
            Order order = found.get();
            List<Parcel> next = new ArrayList<>();
            int tracked = 0;
            for (Parcel p : order.parcels()) {
                if (!p.untracked()) {
                    next.add(p);
                    continue;
                }
                TrackingCreated answer = aftership.create(TrackingRequest.forShipment(order, p.fulfillment(),
                        shop.get().settings()));
                switch (answer) {
                    case TrackingCreated.Tracked t -> {
                        index.add(key, t.trackingId()); // before the order says so, as for the initial tracking
                        next.add(p.tracked(t.trackingId()));
                        tracked++;
                    }
                    case TrackingCreated.Failed f when f.reason().isTransient() -> next.add(p);
                    case TrackingCreated.Failed f -> next.add(p.notTracked(f.reason().name()));
                }
            }
            Order updated = order.toBuilder().parcels(next).build();
            try {
                orders.update(order, updated.withReason(LastParcel.waitingReason(updated)));
                return tracked;
            } catch (StaleOrderException e) {
                // moved meanwhile; AfterShip answers "already exists" for the parcels it has, so asking again is safe
            }
        }
        throw new StaleOrderException(key, -1);
    }

    private Optional<String> whyNotNow(Order order, Instant now) {
        return switch (order.status()) {
            case CREATING_TRACKING -> Optional.empty();
            case TRACKING_RETRY -> order.trackingRetryAt() == null || !order.trackingRetryAt().isAfter(now)
                    ? Optional.empty()
                    : Optional.of("tracking retry is due at " + order.trackingRetryAt());
            default -> Optional.of("order is " + order.status().label());
        };
    }

    private CreationOutcome apply(OrderKey key, Instant now, ShopSettings settings, Decision decision,
            boolean callerCanRetry) {
        for (int i = 0; i < WRITE_TRIES; i++) {
            Optional<Order> fresh = orders.find(key);
            if (fresh.isEmpty()) {
                return new CreationOutcome.NothingToDo("order was deleted meanwhile");
            }
            Optional<String> notNow = whyNotNow(fresh.get(), now);
            if (notNow.isPresent()) {
                return new CreationOutcome.NothingToDo("changed meanwhile: " + notNow.get());
            }
            Decided next = decision.on(fresh.get());
            try {
                Order stored = orders.update(fresh.get(), next.order());
                if (stored.status() == OrderStatus.SCHEDULED) {
                    planner.ensureScheduled(stored, settings);
                }
                // Written first, woken second: a lost wake-up is set again by the sweep or the next attempt.
                wakeUps.ensure(stored, now);
                return next.outcome();
            } catch (StaleOrderException e) {
                // someone else moved it; read again and re-decide with the same answer from AfterShip
            }
        }
        throw new StaleOrderException(key, -1);
    }

    private Decided decide(Order order, ShopSettings settings, TrackingCreated answer, Instant now) {
        return switch (answer) {
            case TrackingCreated.Tracked t -> tracked(order, settings, t, now);
            case TrackingCreated.Failed f when f.reason().isTransient() -> parked(order, f, now);
            case TrackingCreated.Failed f -> failed(order, settings, f, now);
        };
    }

    private Decided tracked(Order order, ShopSettings settings, TrackingCreated.Tracked t, Instant now) {
        Order next = order.toBuilder()
                .trackingId(t.trackingId())
                .trackingAttempts(order.trackingAttempts() + 1)
                .trackingFailure(null)
                .trackingRetryAt(null)
                .fallbackDeadline(order.fallbackDeadline() != null ? order.fallbackDeadline()
                        : policy.fallbackDeadline(settings, order.timingFulfillment()).orElse(null))
                .build()
                .moveTo(OrderStatus.WAITING_FOR_DELIVERY, t.alreadyExisted()
                        ? "AfterShip already tracked this number; using that tracking"
                        : "AfterShip tracking created", now);
        return new Decided(next, new CreationOutcome.WaitingForDelivery(t.trackingId(), t.alreadyExisted()));
    }

    private Decided failed(Order order, ShopSettings settings, TrackingCreated.Failed f, Instant now) {
        int attempts = order.trackingAttempts() + 1;
        String why = "AfterShip could not create the tracking: " + f.reason().description();
        return switch (policy.afterTrackingFailure(settings, attempts, now)) {
            case TrackingRetry.RetryAt retry -> {
                Order next = viaCreating(order, now).toBuilder()
                        .trackingAttempts(attempts)
                        .trackingFailure(f.reason().name())
                        .trackingRetryAt(retry.at())
                        .build()
                        .moveTo(OrderStatus.TRACKING_RETRY, why + "; one more try at " + retry.at(), now);
                yield new Decided(next, new CreationOutcome.RetryLater(f.reason(), retry.at()));
            }
            case TrackingRetry.GiveUp g -> giveUp(order.toBuilder().trackingAttempts(attempts).build(), settings,
                    FulfillmentTimingCause.TRACKING_CREATION_FAILED, f.reason(), now);
        };
    }

    /** No attempt used: wait in TRACKING_RETRY for the poll's sweep. */
    private Decided parked(Order order, TrackingCreated.Failed f, Instant now) {
        Instant at = now.plus(PARK_DELAY);
        Order next = viaCreating(order, now).toBuilder()
                .trackingFailure(f.reason().name())
                .trackingRetryAt(at)
                .build()
                .moveTo(OrderStatus.TRACKING_RETRY, f.reason().description() + "; trying again after " + at
                        + " (this does not count as a failed attempt)", now);
        return new Decided(next, new CreationOutcome.Parked(f.reason(), at));
    }

    /** Fulfillment timing through the planner, the one path to "Will send" (written first, then scheduled). */
    private Decided giveUp(Order order, ShopSettings settings, FulfillmentTimingCause cause, TrackingFailure reason,
            Instant now) {
        Order withReason = order.toBuilder().trackingRetryAt(null)
                .trackingFailure(reason == null ? order.trackingFailure() : reason.name())
                .build();
        // The seed's list of typical reasons: keep AfterShip's so the merchant knows what to fix.
        TimingBasis basis = reason == null ? TimingBasis.fromFulfillment(cause)
                : TimingBasis.fromFulfillment(cause, reason.description());
        Order next = planner.decide(withReason, settings, basis, now);
        return new Decided(next, new CreationOutcome.WillSend(reason, next.sendAt()));
    }

    /** TRACKING_RETRY cannot move to itself: a retry that fails again passes through CREATING_TRACKING. */
    private static Order viaCreating(Order order, Instant now) {
        return order.status() == OrderStatus.TRACKING_RETRY
                ? order.moveTo(OrderStatus.CREATING_TRACKING, "retrying the AfterShip tracking", now)
                : order;
    }

    @FunctionalInterface
    private interface Decision {
        Decided on(Order current);
    }

    /** The next copy of the order and what to report. */
    private record Decided(Order order, CreationOutcome outcome) {
    }
}
