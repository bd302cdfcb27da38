package dev.doorstep.core.model;

import dev.doorstep.core.timing.SendDecision;
import dev.doorstep.core.timing.TimingReason;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One order's review request: the facts from Shopify, what AfterShip said, and where the request
 * stands. Immutable; every change returns a copy, and {@link #moveTo} is the only way to change the
 * status, so every move is checked and recorded with its reason.
 *
 * @param version optimistic-locking counter owned by the store: a write succeeds only if the stored
 *     version is still the one this copy was read with
 * @param parcels the later shipments of an order timed on its last parcel (empty otherwise)
 * @param sendNotBefore the earliest send time whatever the rules say (a backfill's slot, so old orders
 *     delivered long ago do not all go out at once), or null
 */
public record Order(
        OrderKey key,
        String orderNumber,
        Fulfillment fulfillment,
        Customer customer,
        List<LineItem> lineItems,
        OrderStatus status,
        String statusReason,
        List<StatusChange> history,
        String trackingId,
        int trackingAttempts,
        String trackingFailure,
        Instant trackingRetryAt,
        Instant fallbackDeadline,
        Instant deliveredAt,
        Instant sendAt,
        TimingReason sendReason,
        Instant leaseUntil,
        String messageId,
        Instant receivedAt,
        long version,
        List<Parcel> parcels,
        Instant sendNotBefore) {

    /** An order shipped in one parcel, or timed on its first one (the seed's rule). */
    public Order(OrderKey key, String orderNumber, Fulfillment fulfillment, Customer customer, List<LineItem> lineItems,
            OrderStatus status, String statusReason, List<StatusChange> history, String trackingId,
            int trackingAttempts, String trackingFailure, Instant trackingRetryAt, Instant fallbackDeadline,
            Instant deliveredAt, Instant sendAt, TimingReason sendReason, Instant leaseUntil, String messageId,
            Instant receivedAt, long version) {
        this(key, orderNumber, fulfillment, customer, lineItems, status, statusReason, history, trackingId,
                trackingAttempts, trackingFailure, trackingRetryAt, fallbackDeadline, deliveredAt, sendAt, sendReason,
                leaseUntil, messageId, receivedAt, version, List.of(), null);
    }

    public Order {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(fulfillment, "fulfillment");
        Objects.requireNonNull(status, "status");
        customer = customer == null ? Customer.anonymous() : customer;
        lineItems = lineItems == null ? List.of() : List.copyOf(lineItems);
        history = history == null ? List.of() : List.copyOf(history);
        parcels = parcels == null ? List.of() : List.copyOf(parcels);
    }

    /** Whether {@code id} is the tracking of this order's initial fulfillment or of one of its later parcels. */
    public boolean tracks(String id) {
        return id != null && (id.equals(trackingId) || parcels.stream().anyMatch(p -> id.equals(p.trackingId())));
    }

    /**
     * The fulfillment the timing rules count from: the initial one, or the last parcel's when the order is
     * timed on its last parcel (minimum delay and fallback then run from the last shipment).
     */
    public Fulfillment timingFulfillment() {
        Fulfillment last = fulfillment;
        for (Parcel p : parcels) {
            if (p.fulfillment().fulfilledAt().isAfter(last.fulfilledAt())) {
                last = p.fulfillment();
            }
        }
        return last;
    }

    /** The same status with a new reason (what the merchant reads), e.g. which parcels are still on their way. */
    public Order withReason(String reason) {
        return toBuilder().statusReason(reason).build();
    }

    /** A freshly received order, before anything is decided about it. */
    public static Order received(OrderKey key, String orderNumber, Fulfillment fulfillment, Customer customer,
            List<LineItem> lineItems, Instant receivedAt) {
        return new Order(key, orderNumber, fulfillment, customer, lineItems, OrderStatus.RECEIVED,
                "fulfillment received from Shopify", List.of(), null, 0, null, null, null, null, null, null, null,
                null, receivedAt, 0);
    }

    /**
     * The same order in status {@code next}, with the move recorded.
     *
     * @throws IllegalStatusChangeException if the state machine does not allow the move
     */
    public Order moveTo(OrderStatus next, String reason, Instant at) {
        if (!status.canMoveTo(next)) {
            throw new IllegalStatusChangeException(key, status, next);
        }
        List<StatusChange> moves = new ArrayList<>(history);
        moves.add(new StatusChange(status, next, reason, at));
        return toBuilder().status(next).statusReason(reason).history(moves).build();
    }

    /** Moves to SCHEDULED ("Will send") carrying the policy's decision as send time and reason. */
    public Order schedule(SendDecision decision, Instant at) {
        return toBuilder().sendAt(decision.sendAt()).sendReason(decision.reason()).build()
                .moveTo(OrderStatus.SCHEDULED, decision.explanation(), at);
    }

    /** How long after its send time a SCHEDULED order counts as overdue (its schedule may be missing). */
    public static final java.time.Duration SEND_GRACE = java.time.Duration.ofHours(1);

    /**
     * How long an order may sit in CREATING_TRACKING before the poll's sweep creates its tracking
     * itself: longer than the tracking creator's stream retries last (6 h maximum record age in
     * template.yaml), so the sweep only picks up an order those retries gave up on.
     */
    public static final java.time.Duration TRACKING_CREATION_GRACE = java.time.Duration.ofHours(7);

    /**
     * When this order next needs attention without any outside event: a tracking creation nobody
     * finished, the tracking retry, the fallback deadline while it waits for delivery, a send that is
     * overdue, or a send lease that ran out. Stores index it so that due work is found without a scan.
     */
    public Optional<Instant> dueAt() {
        return switch (status) {
            case CREATING_TRACKING -> Optional.of(enteredStatusAt().plus(TRACKING_CREATION_GRACE));
            case TRACKING_RETRY -> Optional.ofNullable(trackingRetryAt);
            // a later parcel to track in AfterShip is due at once (the sweep or a wake-up creates its tracking)
            case WAITING_FOR_DELIVERY -> parcels.stream().filter(Parcel::untracked)
                    .map(p -> p.fulfillment().fulfilledAt()).min(Instant::compareTo)
                    .or(() -> Optional.ofNullable(fallbackDeadline));
            case SCHEDULED -> Optional.ofNullable(sendAt).map(at -> at.plus(SEND_GRACE));
            case SENDING -> Optional.ofNullable(leaseUntil);
            default -> Optional.empty();
        };
    }

    /**
     * How long an order (with the customer's name, email and phone) is kept after it entered its
     * current status. Longer than any order waits for its work (60-day fallback + 14-day delay), so only
     * orders nothing will happen to any more are scrubbed; the store deletes them then (DynamoDB TTL).
     */
    public static final java.time.Duration RETENTION_AFTER_LAST_STATUS = java.time.Duration.ofDays(365);

    /** When this order, and the personal data it holds, is deleted if nothing changes it before. */
    public Instant scrubAt() {
        return enteredStatusAt().plus(RETENTION_AFTER_LAST_STATUS);
    }

    /** When the order moved into its current status (its reception if the history does not say). */
    public Instant enteredStatusAt() {
        for (int i = history.size() - 1; i >= 0; i--) {
            if (history.get(i).to() == status) {
                return history.get(i).at();
            }
        }
        return receivedAt != null ? receivedAt : fulfillment.fulfilledAt();
    }

    public boolean isInternational(String shopCountry) {
        String destination = fulfillment.destinationCountry();
        if (destination == null || shopCountry == null) {
            return true; // unknown: assume the longer trip, so we never ask too early
        }
        return !destination.equalsIgnoreCase(shopCountry);
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Copy-and-change for the fields that are not the status (the status moves only through moveTo). */
    public static final class Builder {
        private final Order from;
        private String orderNumber;
        private Fulfillment fulfillment;
        private Customer customer;
        private List<LineItem> lineItems;
        private OrderStatus status;
        private String statusReason;
        private List<StatusChange> history;
        private String trackingId;
        private int trackingAttempts;
        private String trackingFailure;
        private Instant trackingRetryAt;
        private Instant fallbackDeadline;
        private Instant deliveredAt;
        private Instant sendAt;
        private TimingReason sendReason;
        private Instant leaseUntil;
        private String messageId;
        private long version;
        private List<Parcel> parcels;
        private Instant sendNotBefore;

        private Builder(Order o) {
            from = o;
            orderNumber = o.orderNumber;
            fulfillment = o.fulfillment;
            customer = o.customer;
            lineItems = o.lineItems;
            status = o.status;
            statusReason = o.statusReason;
            history = o.history;
            trackingId = o.trackingId;
            trackingAttempts = o.trackingAttempts;
            trackingFailure = o.trackingFailure;
            trackingRetryAt = o.trackingRetryAt;
            fallbackDeadline = o.fallbackDeadline;
            deliveredAt = o.deliveredAt;
            sendAt = o.sendAt;
            sendReason = o.sendReason;
            leaseUntil = o.leaseUntil;
            messageId = o.messageId;
            version = o.version;
            parcels = o.parcels;
            sendNotBefore = o.sendNotBefore;
        }

        private Builder status(OrderStatus v) { status = v; return this; }
        private Builder statusReason(String v) { statusReason = v; return this; }
        private Builder history(List<StatusChange> v) { history = v; return this; }
        public Builder orderNumber(String v) { orderNumber = v; return this; }
        public Builder fulfillment(Fulfillment v) { fulfillment = v; return this; }
        public Builder customer(Customer v) { customer = v; return this; }
        public Builder lineItems(List<LineItem> v) { lineItems = v; return this; }
        public Builder trackingId(String v) { trackingId = v; return this; }
        public Builder trackingAttempts(int v) { trackingAttempts = v; return this; }
        public Builder trackingFailure(String v) { trackingFailure = v; return this; }
        public Builder trackingRetryAt(Instant v) { trackingRetryAt = v; return this; }
        public Builder fallbackDeadline(Instant v) { fallbackDeadline = v; return this; }
        public Builder deliveredAt(Instant v) { deliveredAt = v; return this; }
        public Builder sendAt(Instant v) { sendAt = v; return this; }
        public Builder sendReason(TimingReason v) { sendReason = v; return this; }
        public Builder leaseUntil(Instant v) { leaseUntil = v; return this; }
        public Builder messageId(String v) { messageId = v; return this; }
        public Builder version(long v) { version = v; return this; }
        public Builder parcels(List<Parcel> v) { parcels = v; return this; }
        public Builder sendNotBefore(Instant v) { sendNotBefore = v; return this; }

        public Order build() {
            return new Order(from.key, orderNumber, fulfillment, customer, lineItems, status, statusReason, history,
                    trackingId, trackingAttempts, trackingFailure, trackingRetryAt, fallbackDeadline, deliveredAt,
                    sendAt, sendReason, leaseUntil, messageId, from.receivedAt, version, parcels,
                    sendNotBefore);
        }
    }
}
