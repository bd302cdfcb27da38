package dev.doorstep.core.sending;

import dev.doorstep.core.model.Order;
import dev.doorstep.core.model.OrderKey;
import dev.doorstep.core.model.OrderStatus;
import dev.doorstep.core.model.Shop;
import dev.doorstep.core.model.ShopSettings;
import dev.doorstep.core.port.OrderStore;
import dev.doorstep.core.port.ReviewRequestScheduler;
import dev.doorstep.core.port.ShopStore;
import dev.doorstep.core.port.StaleOrderException;
import dev.doorstep.core.sending.SendOutcome.Result;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Sends one order's review request when its schedule fires, at most once (docs/sending.md):
 * re-check that it may still go out, claim it with a conditional write (SCHEDULED -> SENDING with a
 * lease), send, then mark it SENT with the message id. Every skip is recorded with its reason.
 */
public final class ReviewRequestSending {

    /** Longer than the sender's Lambda timeout, so a live attempt never loses its claim. */
    public static final Duration DEFAULT_LEASE = Duration.ofMinutes(5);
    /**
     * A schedule fires with 60-second precision; an order whose send time is later than this past
     * "now" was rescheduled, and its new schedule will come.
     */
    public static final Duration EARLY_TOLERANCE = Duration.ofMinutes(5);
    private static final int ATTEMPTS = 3;
    static final String HELD_PREFIX = "held until the mail set-up is fixed: ";
    /**
     * Waits before each new try of the SENT write. Once the mail service accepted the message, a lost
     * SENT mark leaves the order SENDING for the send event (or, if that is lost too, the sweep's
     * take-over) to settle; a throttled or timed-out write is usually through on a second try. The
     * total (about 7 s) plus the mail call (10 s at most) stays inside the sender's 30-second timeout.
     */
    static final List<Duration> SENT_WRITE_BACKOFF = List.of(Duration.ofMillis(200), Duration.ofMillis(800),
            Duration.ofSeconds(2), Duration.ofSeconds(4));

    private final OrderStore orders;
    private final ShopStore shops;
    private final SuppressionList suppressions;
    private final Mailer mailer;
    private final ReviewRequestComposer composer;
    private final Duration lease;
    private final Pause pause;
    /** Arms the retry of a held send; null: held sends wait for the sweep (tools, older tests). */
    private final ReviewRequestScheduler heldRetries;

    public ReviewRequestSending(OrderStore orders, ShopStore shops, SuppressionList suppressions, Mailer mailer,
            ReviewRequestComposer composer, Duration lease) {
        this(orders, shops, suppressions, mailer, composer, lease, Pause.SLEEP);
    }

    /** @param pause waits between tries of the SENT write */
    public ReviewRequestSending(OrderStore orders, ShopStore shops, SuppressionList suppressions, Mailer mailer,
            ReviewRequestComposer composer, Duration lease, Pause pause) {
        this(orders, shops, suppressions, mailer, composer, lease, pause, null);
    }

    /**
     * @param heldRetries arms the next try of a send held by the mail set-up ({@link HeldRetry}), so it
     *     goes soon after the set-up is fixed rather than at the next 12-hourly sweep
     */
    public ReviewRequestSending(OrderStore orders, ShopStore shops, SuppressionList suppressions, Mailer mailer,
            ReviewRequestComposer composer, Duration lease, Pause pause, ReviewRequestScheduler heldRetries) {
        this.orders = Objects.requireNonNull(orders, "orders");
        this.shops = Objects.requireNonNull(shops, "shops");
        this.suppressions = Objects.requireNonNull(suppressions, "suppressions");
        this.mailer = Objects.requireNonNull(mailer, "mailer");
        this.composer = Objects.requireNonNull(composer, "composer");
        this.lease = Objects.requireNonNull(lease, "lease");
        this.pause = Objects.requireNonNull(pause, "pause");
        this.heldRetries = heldRetries;
    }

    /**
     * @throws TransientMailFailure the mail service was busy; the order is back in SCHEDULED, retry later
     * @throws MailOutcomeUnknownException the email may have gone out; the claim stays until its lease ends
     */
    public SendOutcome send(OrderKey key, Instant now) {
        for (int attempt = 1; ; attempt++) {
            try {
                return sendOnce(key, now);
            } catch (StaleOrderException e) {
                // Someone changed the order while we decided (a cancel webhook, a parallel invocation):
                // read it again and decide again.
                if (attempt == ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    private SendOutcome sendOnce(OrderKey key, Instant now) {
        Optional<Order> found = orders.find(key);
        if (found.isEmpty()) {
            return SendOutcome.of(key, Result.NOT_FOUND, "no such order (redacted or never stored)");
        }
        Order order = found.get();
        switch (order.status()) {
            case SENT -> {
                return new SendOutcome(key, Result.ALREADY_SENT, "already sent", order.messageId(), null);
            }
            case SCHEDULED -> {
                if (order.sendAt() != null && order.sendAt().isAfter(now.plus(EARLY_TOLERANCE))) {
                    return SendOutcome.of(key, Result.NOT_YET_DUE, "the send time moved to " + order.sendAt());
                }
            }
            case SENDING -> {
                if (order.leaseUntil() != null && order.leaseUntil().isAfter(now)) {
                    return SendOutcome.of(key, Result.IN_PROGRESS, "another attempt is sending it until "
                            + order.leaseUntil());
                }
                // The earlier attempt's lease ran out without a SENT mark and without the mail service's
                // send event confirming it (that would have marked it SENT): it did not get through.
                order = order.moveTo(OrderStatus.SCHEDULED, "the previous send attempt did not finish; trying again",
                        now);
            }
            default -> {
                return SendOutcome.of(key, Result.NOT_PENDING, "not waiting to be sent: "
                        + order.status().label() + (order.statusReason() == null ? "" : " (" + order.statusReason()
                        + ")"));
            }
        }
        Order current = found.get();

        Optional<Shop> shop = shops.find(key.shop());
        Optional<SendOutcome> refusal = recheck(current, order, shop, now);
        if (refusal.isPresent()) {
            return refusal.get();
        }
        ReviewRequestEmail email = composer.compose(shop.orElseThrow(), order);

        Order claimed = orders.update(current, order.moveTo(OrderStatus.SENDING, "sending the review request", now)
                .toBuilder().leaseUntil(now.plus(lease)).build());
        String messageId;
        try {
            messageId = mailer.send(email);
        } catch (TransientMailFailure e) {
            release(claimed, "the mail service was busy (" + e.getMessage() + "); trying again shortly", now);
            throw e;
        } catch (MailSetupFailure e) {
            // Not this customer's fault and not final: hold the order (SCHEDULED, due again) and the
            // handler raises the alarm.
            return hold(claimed, shop.orElseThrow().settings(), e.getMessage(), now);
        } catch (PermanentMailFailure e) {
            Order failed = orders.update(claimed, claimed.moveTo(OrderStatus.FAILED, e.getMessage(), now)
                    .toBuilder().leaseUntil(null).build());
            return SendOutcome.of(key, Result.FAILED, failed.statusReason());
        }
        return markSent(claimed, messageId, "review request sent", now);
    }

    /** Everything that may have changed since the send time was decided (WooCommerce #64743). */
    private Optional<SendOutcome> recheck(Order current, Order order, Optional<Shop> shop, Instant now) {
        if (shop.isEmpty() || !shop.get().installed()) {
            return Optional.of(stop(current, order, OrderStatus.CANCELLED, "the shop uninstalled the app", now));
        }
        if (!shop.get().settings().requestsEnabled()) {
            return Optional.of(stop(current, order, OrderStatus.SKIPPED,
                    "review requests are turned off in the shop's settings", now));
        }
        if (!order.customer().hasEmail()) {
            return Optional.of(stop(current, order, OrderStatus.SKIPPED, "the customer has no email address", now));
        }
        Optional<Suppression> suppressed = suppressionOf(order);
        if (suppressed.isPresent()) {
            String why = switch (suppressed.get().reason()) {
                case UNSUBSCRIBED -> "the customer unsubscribed from review requests";
                case BOUNCE -> "the customer's address bounced before";
                case COMPLAINT -> "the customer marked a review request as spam";
            };
            return Optional.of(stop(current, order, OrderStatus.SKIPPED, why, now));
        }
        return Optional.empty();
    }

    /**
     * The customer's suppression under the keyed digest; failing that, under the plain SHA-256 that
     * records written before digests were keyed carry, which is then re-keyed (written under the keyed
     * digest with its reason and time, the old record removed) so no guessable digest stays behind.
     */
    private Optional<Suppression> suppressionOf(Order order) {
        String shop = order.key().shop();
        EmailDigest keyed = composer.customerDigest(order);
        Optional<Suppression> found = suppressions.find(shop, keyed);
        if (found.isPresent()) {
            return found;
        }
        EmailDigest unkeyed = EmailDigest.unkeyedSha256(order.customer().email());
        Optional<Suppression> legacy = suppressions.find(shop, unkeyed);
        legacy.ifPresent(s -> {
            suppressions.suppress(new Suppression(shop, keyed, s.reason(), s.since()));
            suppressions.forget(shop, unkeyed);
        });
        return legacy;
    }

    private SendOutcome stop(Order current, Order order, OrderStatus status, String reason, Instant now) {
        orders.update(current, order.moveTo(status, reason, now).toBuilder().leaseUntil(null).build());
        return SendOutcome.of(order.key(), Result.SKIPPED, reason);
    }

    /**
     * Gives the claim back with the order held, and arms its next try ({@link HeldRetry}): the retry's time
     * becomes its send time and is named in the reason. The retry is armed before the write: a retry
     * without the write finds the order as it is and does what is right; a write without the retry would
     * name a time nobody keeps. When it cannot be armed the order waits for the sweep, and says so.
     */
    private SendOutcome hold(Order claimed, ShopSettings settings, String why, Instant now) {
        if (heldRetries == null) {
            release(claimed, HELD_PREFIX + why, now);
            return SendOutcome.of(claimed.key(), Result.HELD, HELD_PREFIX + why);
        }
        int hold = HeldRetry.holdNumber(claimed);
        Instant retryAt = HeldRetry.at(claimed.key(), hold, now, settings);
        Order held;
        String reason;
        try {
            heldRetries.scheduleHeldRetry(claimed.key(), retryAt, settings.timeZone(), hold);
            reason = HELD_PREFIX + why + "; trying again at " + retryAt;
            held = claimed.toBuilder().sendAt(retryAt).build();
        } catch (RuntimeException e) {
            reason = HELD_PREFIX + why + "; the retry could not be scheduled (" + e.getClass().getSimpleName()
                    + "), the next sweep (within 12 hours) tries again";
            held = claimed;
        }
        release(claimed, held, reason, now);
        return SendOutcome.of(claimed.key(), Result.HELD, reason);
    }

    /** The mail service certainly did not send: give the claim back so the next attempt may send. */
    private void release(Order claimed, String reason, Instant now) {
        release(claimed, claimed, reason, now);
    }

    /** As above, with {@code next} (the claimed order with changes) as what goes back. */
    private void release(Order claimed, Order next, String reason, Instant now) {
        try {
            orders.update(claimed, next.moveTo(OrderStatus.SCHEDULED, reason, now).toBuilder().leaseUntil(null)
                    .build());
        } catch (StaleOrderException e) {
            // Changed meanwhile (for example cancelled): whatever it is now stands.
        }
    }

    /**
     * The email is out: record it, trying the write again after a failure (a throttle, a timeout, a
     * 5xx). If every try fails the order stays SENDING under its lease, and the mail service's send
     * event marks it SENT (docs/sending.md §3).
     */
    private SendOutcome markSent(Order claimed, String messageId, String reason, Instant now) {
        Order sent = claimed.moveTo(OrderStatus.SENT, reason, now).toBuilder().messageId(messageId).leaseUntil(null)
                .build();
        for (int retry = 0; ; retry++) {
            try {
                orders.update(claimed, sent);
                return new SendOutcome(claimed.key(), Result.SENT, reason, messageId, claimed.deliveredAt());
            } catch (StaleOrderException e) {
                return sentButChanged(claimed, messageId);
            } catch (RuntimeException e) {
                if (retry == SENT_WRITE_BACKOFF.size()) {
                    return new SendOutcome(claimed.key(), Result.SENT_UNRECORDED, "review request sent; recording"
                            + " it failed (" + e.getClass().getSimpleName() + "), the mail service's send event will"
                            + " record it", messageId, claimed.deliveredAt());
                }
                pause.pause(SENT_WRITE_BACKOFF.get(retry));
            }
        }
    }

    /**
     * The send event may have marked it SENT first, or a cancellation raced the send (or a write tried
     * again after a lost answer finds the first try's SENT). The email is out either way; report it as
     * sent, and the stored status tells the rest.
     */
    private SendOutcome sentButChanged(Order claimed, String messageId) {
        String now;
        try {
            now = orders.find(claimed.key()).map(o -> o.status().label()).orElse("gone");
        } catch (RuntimeException e) {
            now = "unknown";
        }
        return new SendOutcome(claimed.key(), Result.SENT, "review request sent; order is now " + now, messageId,
                claimed.deliveredAt());
    }
}
