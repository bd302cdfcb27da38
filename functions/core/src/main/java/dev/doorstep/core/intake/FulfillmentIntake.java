package dev.doorstep.core.intake;

import dev.doorstep.core.delivery.LastParcel;
import dev.doorstep.core.model.Customer;
import dev.doorstep.core.model.Fulfillment;
import dev.doorstep.core.model.Order;
import dev.doorstep.core.model.OrderStatus;
import dev.doorstep.core.model.Parcel;
import dev.doorstep.core.model.Shop;
import dev.doorstep.core.model.ShopSettings;
import dev.doorstep.core.model.SplitShipmentTiming;
import dev.doorstep.core.planning.ReviewRequestPlanner;
import dev.doorstep.core.port.AppliedShopifyEvent;
import dev.doorstep.core.port.AppliedShopifyEvents;
import dev.doorstep.core.port.OrderStore;
import dev.doorstep.core.timing.FulfillmentTimingCause;
import dev.doorstep.core.timing.TimingBasis;
import dev.doorstep.core.timing.TimingPolicy;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A fulfilled order arrives from Shopify ({@code fulfillments/create} or {@code orders/fulfilled}).
 *
 * <p>A new order is stored already decided, so that the stream shows one INSERT with its first real
 * status: CREATING_TRACKING when the initial fulfillment has a tracking number and a carrier (the
 * tracking creator reacts to exactly that INSERT), otherwise SCHEDULED on fulfillment timing through
 * the {@link ReviewRequestPlanner} (the one path to "Will send": policy, then the send window).
 *
 * <p>A known order only gets what it lacked (the second topic's phone, country, line items); its
 * tracking never changes once decided, as in the seed. Every step converges when Shopify retries
 * after a crash: the order is found, and a SCHEDULED order's schedule is (re)created, harmlessly.
 */
public final class FulfillmentIntake {

    private final OrderStore orders;
    private final AppliedShopifyEvents events;
    private final ReviewRequestPlanner planner;
    private final TimingPolicy policy;
    private final Clock clock;
    private final OrderChanges changes;

    public FulfillmentIntake(OrderStore orders, AppliedShopifyEvents events, ReviewRequestPlanner planner,
            TimingPolicy policy, Clock clock) {
        this.orders = orders;
        this.events = events;
        this.planner = planner;
        this.policy = policy;
        this.clock = clock;
        this.changes = new OrderChanges(orders);
    }

    private static final int RACE_ATTEMPTS = 3;

    public IntakeResult receive(Shop shop, ShopifyEvent event, FulfillmentFact fact) {
        Instant now = clock.instant();
        String orderId = fact.key().orderId();
        Order decided = decide(Order.received(fact.key(), fact.orderNumber(), fact.fulfillment(), fact.customer(),
                fact.lineItems(), now), shop.settings(), now);
        Order stored = null;
        String reason = null;
        boolean sameEvent = false;
        // Two deliveries of one order can race: the loser's insert is refused, yet its read may come
        // before the winner's write is visible. Looking again settles it; a crash here would only
        // make Shopify retry.
        for (int attempt = 1; stored == null; attempt++) {
            // One write for a new order, already marked with its event: nothing can be stale for it.
            if (events.insertMarked(decided, event.eventId(), event.triggeredAt())) {
                stored = decided;
                reason = "new order: " + decided.statusReason();
                break;
            }
            if (attempt == 1) {
                Optional<AppliedShopifyEvent> last = events.lastApplied(fact.key());
                if (last.map(AppliedShopifyEvent::triggeredAt).filter(event::isOlderThan).isPresent()) {
                    return IntakeResult.ignored("stale replay: a later Shopify event was already applied", orderId);
                }
                // The same event again (a retry, maybe after a crash): go on all the same, so that
                // what the first delivery may not have finished (the schedule) is done now.
                sameEvent = last.filter(a -> a.isSameEvent(event.eventId())).isPresent();
            }
            stored = changes.change(fact.key(), known -> fillIn(known, fact, shop.settings(), now)).orElse(null);
            if (stored != null) {
                reason = sameEvent ? "this Shopify event was already applied (" + stored.status().label() + ")"
                        : "known order (" + stored.status().label() + "): filled in what it lacked";
                if (event.triggeredAt() != null && !sameEvent) {
                    events.markApplied(fact.key(), event.eventId(), event.triggeredAt());
                }
            } else if (attempt == RACE_ATTEMPTS) {
                throw new IllegalStateException("order " + fact.key() + " kept changing while it was received");
            }
        }
        if (stored.status() == OrderStatus.SCHEDULED) {
            planner.ensureScheduled(stored, shop.settings());
        }
        return sameEvent ? IntakeResult.duplicate(reason, orderId) : IntakeResult.applied(reason, orderId);
    }

    /** The first decision for an order nothing was decided for yet. */
    private Order decide(Order order, ShopSettings settings, Instant now) {
        Fulfillment initial = order.fulfillment();
        Optional<FulfillmentTimingCause> cause = policy.fulfillmentTimingCause(settings, initial);
        if (cause.isEmpty()) {
            return order.toBuilder().fallbackDeadline(policy.fallbackDeadline(settings, initial).orElse(null)).build()
                    .moveTo(OrderStatus.CREATING_TRACKING,
                            "the initial fulfillment has a tracking number and a carrier: creating an AfterShip tracking",
                            now);
        }
        return planner.decide(order, settings, TimingBasis.fromFulfillment(cause.get()), now);
    }

    /**
     * What a second webhook for a known order may change: empty fields while the request is still
     * pending, and the fulfillment only while nothing was decided (an earlier one is the initial one).
     */
    private Order fillIn(Order known, FulfillmentFact fact, ShopSettings settings, Instant now) {
        if (!known.status().isPending()) {
            return known; // sent, cancelled or redacted: nothing more to learn
        }
        Fulfillment fulfillment = known.fulfillment();
        if (known.status() == OrderStatus.RECEIVED) {
            fulfillment = policy.initialOf(fulfillment, fact.fulfillment());
        } else if (fulfillment.destinationCountry() == null && fact.fulfillment().destinationCountry() != null) {
            fulfillment = new Fulfillment(fulfillment.fulfillmentId(), fulfillment.fulfilledAt(),
                    fulfillment.trackingNumber(), fulfillment.carrier(), fact.fulfillment().destinationCountry());
        }
        Order filled = known.toBuilder()
                .orderNumber(known.orderNumber() != null ? known.orderNumber() : fact.orderNumber())
                .customer(fillIn(known.customer(), fact.customer()))
                .lineItems(known.lineItems().isEmpty() ? fact.lineItems() : known.lineItems())
                .fulfillment(fulfillment)
                .build();
        if (filled.status() == OrderStatus.RECEIVED) {
            return decide(filled, settings, now);
        }
        return laterParcel(filled, fact.fulfillment(), settings) ? withParcel(filled, fact.fulfillment(), settings)
                : filled;
    }

    /**
     * A further shipment that counts: only when the shop times requests on the last parcel, while the order
     * still waits on AfterShip, and only a trackable one not seen before (the seed's default ignores it).
     */
    private static boolean laterParcel(Order known, Fulfillment incoming, ShopSettings settings) {
        if (settings.splitShipmentTiming() != SplitShipmentTiming.LAST || !incoming.hasTrackingNumber()
                || !incoming.hasCarrier() || incoming.fulfillmentId() == null) {
            return false;
        }
        boolean waiting = known.status() == OrderStatus.CREATING_TRACKING || known.status() == OrderStatus.TRACKING_RETRY
                || known.status() == OrderStatus.WAITING_FOR_DELIVERY;
        return waiting && !incoming.fulfillmentId().equals(known.fulfillment().fulfillmentId())
                && known.parcels().stream().noneMatch(p -> incoming.fulfillmentId().equals(p.fulfillment().fulfillmentId()));
    }

    /** The order with one more parcel to wait for; the fallback now counts from the last fulfillment. */
    private Order withParcel(Order known, Fulfillment incoming, ShopSettings settings) {
        List<Parcel> parcels = new ArrayList<>(known.parcels());
        parcels.add(Parcel.shipped(incoming));
        Order more = known.toBuilder().parcels(parcels).build();
        Order next = more.toBuilder().fallbackDeadline(known.fallbackDeadline() == null ? null
                : policy.fallbackDeadline(settings, more.timingFulfillment()).orElse(null)).build();
        return next.withReason(LastParcel.waitingReason(next));
    }

    private static Customer fillIn(Customer known, Customer incoming) {
        return new Customer(
                known.customerId() != null ? known.customerId() : incoming.customerId(),
                known.name() != null ? known.name() : incoming.name(),
                known.email() != null ? known.email() : incoming.email(),
                known.defaultAddressPhone() != null ? known.defaultAddressPhone() : incoming.defaultAddressPhone());
    }
}
