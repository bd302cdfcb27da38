package dev.doorstep.core.polling;

import dev.doorstep.core.delivery.DeliverySource;
import dev.doorstep.core.delivery.DeliveryUpdates;
import dev.doorstep.core.delivery.TrackingOrders;
import dev.doorstep.core.model.Order;
import dev.doorstep.core.model.Shop;
import dev.doorstep.core.port.OrderStore;
import dev.doorstep.core.port.Page;
import dev.doorstep.core.port.ShopStore;
import dev.doorstep.core.port.TrackingIndex;
import dev.doorstep.core.tracking.TrackedShipment;
import dev.doorstep.core.tracking.TrackingQuery;
import dev.doorstep.core.tracking.TrackingService;
import dev.doorstep.core.tracking.TrackingServiceException;
import dev.doorstep.core.delivery.TrackingState;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One shop's delivery poll (the seed's "checks for order delivery every 12 hours"): asks AfterShip
 * only for the shop's trackings that changed since its last successful poll, page by page, and
 * applies each Delivered or Expired one through {@link DeliveryUpdates}, the path the webhook uses too.
 *
 * <p>The checkpoint ({@link Shop#lastPolledAt()}) moves to the poll's start only when every page was
 * read and every change applied. A poll that dies half way leaves the checkpoint where it was, so the
 * next run reads the same window again; what was already applied is then "not waiting" and changes
 * nothing. Windows overlap by {@link #OVERLAP} so that a change AfterShip records a little late is
 * never skipped.
 */
public final class ShopPoll {

    /** How far each window reaches back before the last checkpoint. */
    public static final Duration OVERLAP = Duration.ofMinutes(15);
    /**
     * A shop's first poll looks this far back. Its orders only start waiting for delivery once the
     * integration is on, at most one poll interval earlier, so this leaves room for a lost checkpoint.
     */
    public static final Duration FIRST_POLL_LOOKBACK = Duration.ofDays(30);

    /** Cycles are not exactly an interval apart; a shop polled a little less than its interval ago is due. */
    static final Duration INTERVAL_SLACK = Duration.ofHours(1);
    /** A guard against a cursor that never ends: 1,000 pages of 200 is AfterShip's whole 160,000 cap. */
    static final int MAX_PAGES = 1_000;
    private static final int MAX_LISTED_PROBLEMS = 20;

    private final ShopStore shops;
    private final TrackingService aftership;
    private final DeliveryUpdates updates;
    private final TrackingOrders trackingOrders;

    /** Trackings map to orders through their own order_id only (no tracking index). */
    public ShopPoll(ShopStore shops, OrderStore orders, TrackingService aftership, DeliveryUpdates updates) {
        this(shops, orders, aftership, updates, TrackingIndex.NONE);
    }

    public ShopPoll(ShopStore shops, OrderStore orders, TrackingService aftership, DeliveryUpdates updates,
            TrackingIndex index) {
        this.shops = shops;
        this.aftership = aftership;
        this.updates = updates;
        this.trackingOrders = new TrackingOrders(orders, index);
    }

    /**
     * Polls {@code shop} for the changes up to {@code pollStart} (the start of this poll cycle).
     *
     * @param now the time decisions are made at (send times already past mean "send now")
     */
    public ShopPollOutcome poll(String shop, Instant pollStart, Instant now) {
        Instant until = pollStart.truncatedTo(ChronoUnit.SECONDS);
        Optional<Shop> found = shops.find(shop);
        if (found.isEmpty() || !found.get().installed()) {
            return ShopPollOutcome.skipped(shop, "the shop is not installed");
        }
        if (!found.get().settings().aftershipEnabled()) {
            return ShopPollOutcome.skipped(shop, "the AfterShip integration is switched off");
        }
        Instant last = found.get().lastPolledAt();
        if (last != null && !last.isBefore(until)) {
            return ShopPollOutcome.skipped(shop, "already polled up to " + last);
        }
        Duration interval = PollCadence.interval(found.get(), until);
        if (last != null && last.plus(interval).minus(INTERVAL_SLACK).isAfter(until)) {
            // Its own longer interval, or its AfterShip webhooks are arriving: the poll is a safety net.
            return ShopPollOutcome.skipped(shop, "polled at " + last + ", its poll interval is " + interval
                    + (PollCadence.webhooksWorking(found.get(), until) ? " (its AfterShip webhooks are arriving)" : ""));
        }
        Instant since = last == null ? until.minus(FIRST_POLL_LOOKBACK) : last.minus(OVERLAP);

        Tally tally = new Tally();
        TrackingQuery query = new TrackingQuery(since, until, null, null);
        try {
            for (int pages = 0; query != null; pages++) {
                if (pages == MAX_PAGES) {
                    throw new IllegalStateException("AfterShip kept returning more pages after " + MAX_PAGES);
                }
                Page<TrackedShipment> page = aftership.changed(shop, query);
                tally.requests++;
                for (TrackedShipment shipment : page.items()) {
                    apply(shop, found.get(), shipment, now, tally);
                }
                query = page.hasMore() ? query.next(page.nextCursor()) : null;
            }
        } catch (TrackingServiceException e) {
            return tally.outcome(shop, since, until, e.reason().isTransient(), e.getMessage(), false);
        }
        if (!tally.problems.isEmpty()) {
            return tally.outcome(shop, since, until, true, tally.problems.size() + " change(s) could not be applied",
                    false);
        }
        boolean checkpointed = shops.recordPoll(shop, until);
        return tally.outcome(shop, since, until, false, null, checkpointed);
    }

    private void apply(String shop, Shop polled, TrackedShipment shipment, Instant now, Tally tally) {
        tally.seen++;
        if (shipment.state() == TrackingState.ON_ITS_WAY) {
            return; // no read, no write: most changes in a window are scans of parcels still moving
        }
        // Through the tracking index as well as the tracking's own order_id: a tracking AfterShip already had
        // (made by its Shopify app, or shared by two orders) names another order or none.
        List<Order> matched;
        try {
            matched = trackingOrders.of(shop, shipment, shipment.orderId());
        } catch (RuntimeException e) {
            tally.problem(shop + "/" + shipment.trackingId() + ": " + e.getClass().getSimpleName());
            return;
        }
        if (matched.isEmpty()) {
            tally.notOurs++;
            return;
        }
        for (Order order : matched) {
            try {
                switch (updates.apply(shipment.toReport(order.key(), DeliverySource.POLL), order, polled, now)) {
                    case SCHEDULED_ON_DELIVERY -> tally.scheduledOnDelivery++;
                    case SCHEDULED_ON_FULFILLMENT -> tally.scheduledOnFulfillment++;
                    case NOT_WAITING, STILL_ON_ITS_WAY -> tally.alreadyHandled++;
                    case UNKNOWN_ORDER -> tally.notOurs++;
                }
            } catch (RuntimeException e) {
                tally.problem(order.key() + ": " + e.getClass().getSimpleName());
            }
        }
    }

    /** Counts for one poll. */
    private static final class Tally {
        int requests;
        int seen;
        int scheduledOnDelivery;
        int scheduledOnFulfillment;
        int alreadyHandled;
        int notOurs;
        final List<String> problems = new ArrayList<>();

        void problem(String what) {
            if (problems.size() < MAX_LISTED_PROBLEMS) {
                problems.add(what);
            } else {
                problems.set(MAX_LISTED_PROBLEMS - 1, "... and more");
            }
        }

        ShopPollOutcome outcome(String shop, Instant since, Instant until, boolean retry, String failure,
                boolean checkpointed) {
            return new ShopPollOutcome(shop, since, until, requests, seen, scheduledOnDelivery,
                    scheduledOnFulfillment, alreadyHandled, notOurs, List.copyOf(problems), failure, retry,
                    checkpointed, null);
        }
    }
}
