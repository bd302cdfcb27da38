package dev.doorstep.core.polling;

import dev.doorstep.core.delivery.FallbackDeadlines;
import dev.doorstep.core.model.Order;
import dev.doorstep.core.model.OrderKey;
import dev.doorstep.core.model.Parcel;
import dev.doorstep.core.model.Shop;
import dev.doorstep.core.planning.ReviewRequestPlanner;
import dev.doorstep.core.port.OrderStore;
import dev.doorstep.core.port.OrderWakeUps;
import dev.doorstep.core.port.ReviewRequestScheduler;
import dev.doorstep.core.port.ShopStore;
import dev.doorstep.core.tracking.CreationOutcome;
import dev.doorstep.core.tracking.TrackingCreation;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * The work that comes due without any outside event, found through {@link OrderStore#dueBy} (an
 * index of due orders, never a scan) and handed to the use case that owns it:
 * <ul>
 *   <li>"Creating tracking" for longer than {@link Order#TRACKING_CREATION_GRACE}: the tracking
 *       creator's stream retries gave up (or never ran), so the sweep makes the attempt;</li>
 *   <li>"tracking retry" due: the second and last creation attempt ({@link TrackingCreation});</li>
 *   <li>"Waiting for delivery" past the fallback deadline: {@link FallbackDeadlines} (the safety net
 *       for TTL deletions, which can lag by days);</li>
 *   <li>"Will send" overdue: the schedule may be missing (a crash between the write and the schedule),
 *       so it is ensured again; scheduling is idempotent by name;</li>
 *   <li>"Sending" whose lease ran out long ago: the sender's attempt died, so its schedule is armed again
 *       for now and the sender's own rules decide (ReviewRequestSending retries an expired claim).</li>
 * </ul>
 * Every step is idempotent, so a sweep that dies half way is simply run again.
 *
 * <p>The sweep runs every 12 hours, so on its own it keeps times to within 12 hours. Punctuality comes
 * from {@link WakeUps}: each sweep also looks {@link WakeUps#LOOKAHEAD} ahead and sets a wake-up for every
 * tracking retry and fallback deadline before its next run; a wake-up calls {@link #wakeUp} for its order.
 */
public final class DueWorkSweep {

    public static final int PAGE = 500;
    /**
     * How long after a send lease runs out before the sweep re-arms the send: time for the mail
     * service's own "send" event to confirm an email that did go out.
     */
    public static final Duration LEASE_CONFIRMATION_GRACE = Duration.ofMinutes(30);

    private final OrderStore orders;
    private final ShopStore shops;
    private final TrackingCreation trackingCreation;
    private final FallbackDeadlines fallbacks;
    private final ReviewRequestPlanner planner;
    private final ReviewRequestScheduler scheduler;
    private final WakeUps wakeUps;
    private final int pageSize;

    public DueWorkSweep(OrderStore orders, ShopStore shops, TrackingCreation trackingCreation,
            FallbackDeadlines fallbacks, ReviewRequestPlanner planner, ReviewRequestScheduler scheduler) {
        this(orders, shops, trackingCreation, fallbacks, planner, scheduler, OrderWakeUps.NONE, PAGE);
    }

    public DueWorkSweep(OrderStore orders, ShopStore shops, TrackingCreation trackingCreation,
            FallbackDeadlines fallbacks, ReviewRequestPlanner planner, ReviewRequestScheduler scheduler,
            OrderWakeUps wakeUps) {
        this(orders, shops, trackingCreation, fallbacks, planner, scheduler, wakeUps, PAGE);
    }

    DueWorkSweep(OrderStore orders, ShopStore shops, TrackingCreation trackingCreation, FallbackDeadlines fallbacks,
            ReviewRequestPlanner planner, ReviewRequestScheduler scheduler, int pageSize) {
        this(orders, shops, trackingCreation, fallbacks, planner, scheduler, OrderWakeUps.NONE, pageSize);
    }

    DueWorkSweep(OrderStore orders, ShopStore shops, TrackingCreation trackingCreation, FallbackDeadlines fallbacks,
            ReviewRequestPlanner planner, ReviewRequestScheduler scheduler, OrderWakeUps wakeUps, int pageSize) {
        this.orders = orders;
        this.shops = shops;
        this.trackingCreation = trackingCreation;
        this.fallbacks = fallbacks;
        this.planner = planner;
        this.scheduler = scheduler;
        this.wakeUps = new WakeUps(wakeUps);
        this.pageSize = pageSize;
    }

    /**
     * One order's wake-up: handles it exactly as the sweep would if it is due; otherwise sets its wake-up
     * again for the time it is due (it moved meanwhile), or does nothing.
     */
    public SweepOutcome wakeUp(OrderKey key, Instant now) {
        SweepOutcome.Counter count = new SweepOutcome.Counter();
        Optional<Order> found = orders.find(key);
        count.read = found.isPresent() ? 1 : 0;
        if (found.isEmpty()) {
            return count.outcome();
        }
        Order order = found.get();
        Optional<Instant> wake = WakeUps.timeFor(order, now);
        boolean due = order.dueAt().isPresent() && !order.dueAt().get().isAfter(now);
        if (due || (wake.isPresent() && !wake.get().isAfter(now))) {
            handle(order, now, new HashMap<>(), count);
        } else if (wakeUps.ensure(order, now)) {
            count.wakeUpsSet++;
        } else {
            count.nothingToDo++;
        }
        return count.outcome();
    }

    /**
     * Handles everything due at {@code now}.
     *
     * @param timeLeft checked before each order; when it turns false the rest waits for the next sweep
     */
    public SweepOutcome sweep(Instant now, BooleanSupplier timeLeft) {
        SweepOutcome.Counter count = new SweepOutcome.Counter();
        Map<String, Optional<Shop>> shopCache = new HashMap<>();
        Set<OrderKey> seen = new HashSet<>();
        // dueBy has no cursor and returns the oldest first. Orders handled here leave the index (their
        // dueAt moves past now) except those that stay due on purpose (an overdue send being re-ensured),
        // so each round asks for everything seen so far plus one more page: it always yields new orders
        // until there are none.
        int limit = pageSize;
        while (true) {
            List<Order> due = orders.dueBy(now, limit);
            count.read += due.size();
            for (Order order : due) {
                if (!seen.add(order.key())) {
                    continue;
                }
                if (!timeLeft.getAsBoolean()) {
                    count.outOfTime = true;
                    return count.outcome();
                }
                handle(order, now, shopCache, count);
            }
            if (due.size() < limit) {
                break;
            }
            limit = seen.size() + pageSize;
        }
        setWakeUps(now, timeLeft, count);
        return count.outcome();
    }

    /** Wake-ups for what falls due before the next sweep, so it happens on time rather than then. */
    private void setWakeUps(Instant now, BooleanSupplier timeLeft, SweepOutcome.Counter count) {
        Set<OrderKey> seen = new HashSet<>();
        int limit = pageSize;
        while (true) {
            // not counted in ordersRead: that counts due orders
            List<Order> soon = orders.dueBy(now.plus(WakeUps.LOOKAHEAD), limit);
            for (Order order : soon) {
                if (!seen.add(order.key()) || order.dueAt().isEmpty() || !order.dueAt().get().isAfter(now)) {
                    continue;
                }
                if (!timeLeft.getAsBoolean()) {
                    count.outOfTime = true;
                    return;
                }
                try {
                    if (wakeUps.ensure(order, now)) {
                        count.wakeUpsSet++;
                    }
                } catch (RuntimeException e) {
                    count.problem(order.key() + " (wake-up): " + e.getClass().getSimpleName());
                }
            }
            if (soon.size() < limit) {
                return;
            }
            limit = seen.size() + pageSize;
        }
    }

    private void handle(Order order, Instant now, Map<String, Optional<Shop>> shopCache, SweepOutcome.Counter count) {
        try {
            switch (order.status()) {
                case CREATING_TRACKING, TRACKING_RETRY -> {
                    switch (trackingCreation.attempt(order.key(), now, false)) {
                        case CreationOutcome.WaitingForDelivery w -> count.trackingCreated++;
                        case CreationOutcome.WillSend w -> count.trackingGivenUp++;
                        case CreationOutcome.RetryLater r -> count.trackingParked++;
                        case CreationOutcome.Parked p -> count.trackingParked++;
                        case CreationOutcome.TryAgainSoon t -> count.trackingParked++;
                        case CreationOutcome.NothingToDo n -> count.nothingToDo++;
                    }
                }
                case WAITING_FOR_DELIVERY -> {
                    if (order.parcels().stream().anyMatch(Parcel::untracked)) {
                        // a later parcel of an order timed on its last parcel: track it in AfterShip too
                        count.trackingCreated += trackingCreation.trackParcels(order.key(), now);
                    }
                    if (fallbacks.reached(order.key(), now)) {
                        count.fallbacksUsed++;
                    } else {
                        count.nothingToDo++;
                    }
                }
                case SCHEDULED -> {
                    Optional<Shop> shop = shopCache.computeIfAbsent(order.key().shop(), shops::find);
                    if (shop.isPresent()) {
                        planner.ensureScheduled(order, shop.get().settings());
                        count.schedulesEnsured++;
                    } else {
                        count.nothingToDo++;
                    }
                }
                case SENDING -> {
                    Optional<Shop> shop = shopCache.computeIfAbsent(order.key().shop(), shops::find);
                    if (order.leaseUntil() != null && order.leaseUntil().plus(LEASE_CONFIRMATION_GRACE).isBefore(now)
                            && shop.isPresent()) {
                        scheduler.schedule(order.key(), now, shop.get().settings().timeZone());
                        count.sendsRearmed++;
                    } else {
                        count.nothingToDo++;
                    }
                }
                default -> count.nothingToDo++;
            }
        } catch (RuntimeException e) {
            count.problem(order.key() + " (" + order.status() + "): " + e.getClass().getSimpleName());
        }
    }
}
