package dev.doorstep.core.timing;

import dev.doorstep.core.model.Fulfillment;
import dev.doorstep.core.model.ShopSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Every timing rule of the seed in one pure function (DESIGN.md §2):
 * <ul>
 *   <li>delivery-based: {@code max(deliveredAt + waitDaysAfterDelivery, fulfilledAt + minDelay)}</li>
 *   <li>fulfillment-based: {@code fulfilledAt + max(waitDaysAfterFulfillment, minDelay)}</li>
 *   <li>{@code minDelay}: 7 days domestic, 14 international (shop country vs destination)</li>
 *   <li>fallback (on by default): never later than {@code fulfilledAt + fallbackDays}</li>
 *   <li>a time already past means "send now"</li>
 * </ul>
 * No clock is read here: "now" is an argument, so the same inputs always give the same answer.
 */
public final class TimingPolicy {

    /** The seed: one attempt at fulfillment, "a second attempt ... after 12 hours", then fulfillment timing. */
    public static final int TRACKING_ATTEMPTS = 2;

    public SendDecision decide(ShopSettings settings, Fulfillment fulfillment, TimingBasis basis, Instant now) {
        Instant fulfilledAt = fulfillment.fulfilledAt();
        Duration minDelay = settings.minimumDelay(fulfillment.destinationCountry());
        Instant floor = fulfilledAt.plus(minDelay);
        String region = settings.isDomestic(fulfillment.destinationCountry()) ? "domestic" : "international";

        Rule rule = switch (basis) {
            case TimingBasis.Delivered d -> {
                Instant afterDelivery = d.deliveredAt().plus(Duration.ofDays(settings.waitDaysAfterDelivery()));
                yield afterDelivery.isBefore(floor)
                        ? new Rule(floor, TimingReason.MINIMUM_DELAY_FLOOR, "delivered, but the " + region
                                + " minimum delay of " + minDelay.toDays() + " days after fulfillment ends later")
                        : new Rule(afterDelivery, TimingReason.DELIVERY_BASED,
                                settings.waitDaysAfterDelivery() + " days after delivery");
            }
            case TimingBasis.FromFulfillment f -> {
                Duration wait = Duration.ofDays(settings.waitDaysAfterFulfillment());
                Duration delay = wait.compareTo(minDelay) >= 0 ? wait : minDelay;
                yield new Rule(fulfilledAt.plus(delay), TimingReason.FULFILLMENT_BASED,
                        delay.toDays() + " days after fulfillment, because " + f.description());
            }
            case TimingBasis.FallbackReached r -> new Rule(fallbackDeadline(settings, fulfillment).orElse(floor),
                    TimingReason.FALLBACK, "no delivery seen " + settings.fallbackDays()
                            + " days after fulfillment (fallback timing)");
        };

        Optional<Instant> deadline = fallbackDeadline(settings, fulfillment);
        if (deadline.isPresent() && rule.at.isAfter(deadline.get())) {
            rule = new Rule(deadline.get(), TimingReason.FALLBACK, "capped at the fallback of "
                    + settings.fallbackDays() + " days after fulfillment");
        }
        if (rule.at.isBefore(now)) {
            return new SendDecision(now, rule.reason, rule.at, true, rule.why + "; that time has passed, so now");
        }
        return new SendDecision(rule.at, rule.reason, rule.at, false, rule.why);
    }

    /** {@code fulfilledAt + fallbackDays} when fallback is on; empty when it is switched off. */
    public Optional<Instant> fallbackDeadline(ShopSettings settings, Fulfillment fulfillment) {
        return settings.fallbackEnabled()
                ? Optional.of(fulfillment.fulfilledAt().plus(Duration.ofDays(settings.fallbackDays())))
                : Optional.empty();
    }

    /**
     * Why this order cannot be timed on delivery, or empty when AfterShip should track it. The seed
     * needs both a tracking number and a carrier on the initial fulfillment (its FAQ 1), and the
     * integration switched on.
     */
    public Optional<FulfillmentTimingCause> fulfillmentTimingCause(ShopSettings settings, Fulfillment fulfillment) {
        if (!settings.aftershipEnabled()) {
            return Optional.of(FulfillmentTimingCause.INTEGRATION_DISABLED);
        }
        if (!fulfillment.hasTrackingNumber()) {
            return Optional.of(FulfillmentTimingCause.NO_TRACKING_NUMBER);
        }
        if (!fulfillment.hasCarrier()) {
            return Optional.of(FulfillmentTimingCause.NO_CARRIER);
        }
        return Optional.empty();
    }

    /** After {@code failedAttempts} failed creations: retry after the shop's delay, or give up after the second. */
    public TrackingRetry afterTrackingFailure(ShopSettings settings, int failedAttempts, Instant now) {
        return failedAttempts < TRACKING_ATTEMPTS
                ? new TrackingRetry.RetryAt(now.plus(settings.trackingRetryDelay()))
                : new TrackingRetry.GiveUp();
    }

    /**
     * An expired tracking: delivered if the checkpoints show it (seed: "understand if the order has
     * been delivered already"), otherwise treated like a failed creation, i.e. fulfillment timing.
     */
    public TimingBasis afterExpiry(Optional<Instant> deliveryEvidence) {
        return deliveryEvidence.<TimingBasis>map(TimingBasis.Delivered::new)
                .orElse(new TimingBasis.FromFulfillment(FulfillmentTimingCause.TRACKING_EXPIRED));
    }

    /**
     * Which of two fulfillments of one order is the initial one: the earlier. Only its tracking
     * counts; the seed ignores tracking from updated or later fulfillments.
     */
    public Fulfillment initialOf(Fulfillment known, Fulfillment incoming) {
        if (known == null) {
            return incoming;
        }
        return incoming.isEarlierThan(known) ? incoming : known;
    }

    private record Rule(Instant at, TimingReason reason, String why) {
    }
}
