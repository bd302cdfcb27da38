package dev.doorstep.core.timing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.doorstep.core.model.Fulfillment;
import dev.doorstep.core.model.ShopSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Each rule of the seed (shared/seed/aftership-integration.txt), one test named after it. */
class TimingPolicyTest {

    private static final Instant FULFILLED = Instant.parse("2026-03-02T10:00:00Z");
    private static final Instant LONG_AGO = Instant.parse("2026-01-01T00:00:00Z");

    private final TimingPolicy policy = new TimingPolicy();
    private final ShopSettings settings = ShopSettings.defaults("demo.myshopify.com").toBuilder()
            .shopCountry("US").aftershipEnabled(true).build();

    private static Fulfillment domestic() {
        return new Fulfillment("f1", FULFILLED, "1Z999AA10123456784", "UPS", "US");
    }

    private static Fulfillment international() {
        return new Fulfillment("f1", FULFILLED, "1Z999AA10123456784", "UPS", "DE");
    }

    private static Instant days(Instant from, long days) {
        return from.plus(Duration.ofDays(days));
    }

    @Test
    @DisplayName("delivery-based timing: the wait days are counted from delivery")
    void deliveryBasedTiming() {
        Instant delivered = days(FULFILLED, 9);

        SendDecision decision = policy.decide(settings, domestic(), TimingBasis.delivered(delivered), LONG_AGO);

        assertThat(decision.sendAt()).isEqualTo(days(delivered, ShopSettings.WAIT_DAYS_AFTER_DELIVERY));
        assertThat(decision.reason()).isEqualTo(TimingReason.DELIVERY_BASED);
        assertThat(decision.sendNow()).isFalse();
    }

    @Test
    @DisplayName("delivered before the minimum delay ends: the minimum delay after fulfillment wins")
    void deliveredBeforeMinimumDelayEnds() {
        Instant delivered = days(FULFILLED, 1); // + 3 wait days = day 4, before the 7-day floor

        SendDecision decision = policy.decide(settings, domestic(), TimingBasis.delivered(delivered), LONG_AGO);

        assertThat(decision.sendAt()).isEqualTo(days(FULFILLED, 7));
        assertThat(decision.reason()).isEqualTo(TimingReason.MINIMUM_DELAY_FLOOR);
        assertThat(decision.explanation()).contains("minimum delay");
    }

    @Test
    @DisplayName("domestic vs international minimum: 7 days at home, 14 abroad")
    void domesticVersusInternationalMinimum() {
        TimingBasis earlyDelivery = TimingBasis.delivered(days(FULFILLED, 1));

        assertThat(policy.decide(settings, domestic(), earlyDelivery, LONG_AGO).sendAt())
                .isEqualTo(days(FULFILLED, ShopSettings.MIN_DELAY_DOMESTIC_DAYS));
        assertThat(policy.decide(settings, international(), earlyDelivery, LONG_AGO).sendAt())
                .isEqualTo(days(FULFILLED, ShopSettings.MIN_DELAY_INTERNATIONAL_DAYS));
    }

    @Test
    @DisplayName("an unknown destination or shop country counts as international")
    void unknownCountryCountsAsInternational() {
        Fulfillment noCountry = new Fulfillment("f1", FULFILLED, "1Z", "UPS", null);

        assertThat(policy.decide(settings, noCountry, TimingBasis.delivered(FULFILLED), LONG_AGO).sendAt())
                .isEqualTo(days(FULFILLED, 14));
    }

    @Test
    @DisplayName("fulfillment-based timing: max(wait days after fulfillment, minimum delay)")
    void fulfillmentBasedTiming() {
        TimingBasis basis = TimingBasis.fromFulfillment(FulfillmentTimingCause.NO_TRACKING_NUMBER);

        assertThat(policy.decide(settings, domestic(), basis, LONG_AGO).sendAt()).isEqualTo(days(FULFILLED, 7));
        assertThat(policy.decide(settings, international(), basis, LONG_AGO).sendAt())
                .isEqualTo(days(FULFILLED, 14));
        ShopSettings longWait = settings.toBuilder().waitDaysAfterFulfillment(21).build();
        SendDecision decision = policy.decide(longWait, international(), basis, LONG_AGO);
        assertThat(decision.sendAt()).isEqualTo(days(FULFILLED, 21));
        assertThat(decision.reason()).isEqualTo(TimingReason.FULFILLMENT_BASED);
        assertThat(decision.explanation()).contains("no tracking number");
    }

    @Nested
    class TrackingCreation {

        @Test
        @DisplayName("creation fails once: one more attempt 12 hours later")
        void creationFailsOnceRetriesAfterTwelveHours() {
            Instant now = days(FULFILLED, 0);

            assertThat(policy.afterTrackingFailure(settings, 1, now))
                    .isEqualTo(new TrackingRetry.RetryAt(now.plus(Duration.ofHours(12))));
        }

        @Test
        @DisplayName("creation fails twice -> fulfillment timing")
        void creationFailsTwiceFallsBackToFulfillmentTiming() {
            assertThat(policy.afterTrackingFailure(settings, 2, FULFILLED)).isInstanceOf(TrackingRetry.GiveUp.class);

            SendDecision decision = policy.decide(settings, domestic(),
                    TimingBasis.fromFulfillment(FulfillmentTimingCause.TRACKING_CREATION_FAILED), LONG_AGO);
            assertThat(decision.reason()).isEqualTo(TimingReason.FULFILLMENT_BASED);
            assertThat(decision.sendAt()).isEqualTo(days(FULFILLED, 7));
        }

        @Test
        @DisplayName("no tracking number -> fulfillment timing")
        void noTrackingNumberMeansFulfillmentTiming() {
            Fulfillment f = new Fulfillment("f1", FULFILLED, null, "UPS", "US");

            assertThat(policy.fulfillmentTimingCause(settings, f)).contains(FulfillmentTimingCause.NO_TRACKING_NUMBER);
        }

        @Test
        @DisplayName("no carrier -> fulfillment timing")
        void noCarrierMeansFulfillmentTiming() {
            Fulfillment f = new Fulfillment("f1", FULFILLED, "1Z999", " ", "US");

            assertThat(policy.fulfillmentTimingCause(settings, f)).contains(FulfillmentTimingCause.NO_CARRIER);
        }

        @Test
        @DisplayName("integration switched off -> fulfillment timing")
        void integrationOffMeansFulfillmentTiming() {
            ShopSettings off = settings.toBuilder().aftershipEnabled(false).build();

            assertThat(policy.fulfillmentTimingCause(off, domestic()))
                    .contains(FulfillmentTimingCause.INTEGRATION_DISABLED);
        }

        @Test
        @DisplayName("tracking number and carrier with the integration on -> delivery tracking")
        void trackableOrderIsTrackedInAfterShip() {
            assertThat(policy.fulfillmentTimingCause(settings, domestic())).isEmpty();
        }
    }

    @Test
    @DisplayName("expired with delivery evidence: timed from that delivery")
    void expiredWithDeliveryEvidence() {
        Instant evidence = days(FULFILLED, 10);

        TimingBasis basis = policy.afterExpiry(Optional.of(evidence));

        assertThat(basis).isEqualTo(TimingBasis.delivered(evidence));
        assertThat(policy.decide(settings, domestic(), basis, LONG_AGO).sendAt()).isEqualTo(days(evidence, 3));
    }

    @Test
    @DisplayName("expired without delivery evidence: treated like failed creation -> fulfillment timing")
    void expiredWithoutDeliveryEvidence() {
        TimingBasis basis = policy.afterExpiry(Optional.empty());

        SendDecision decision = policy.decide(settings, domestic(), basis, LONG_AGO);

        assertThat(decision.reason()).isEqualTo(TimingReason.FULFILLMENT_BASED);
        assertThat(decision.explanation()).contains("expired");
    }

    @Test
    @DisplayName("stuck in transit -> 60-day fallback after fulfillment")
    void stuckInTransitFallsBackAtSixtyDays() {
        SendDecision decision = policy.decide(settings, domestic(), TimingBasis.fallbackReached(), LONG_AGO);

        assertThat(decision.sendAt()).isEqualTo(days(FULFILLED, 60));
        assertThat(decision.reason()).isEqualTo(TimingReason.FALLBACK);
        assertThat(policy.fallbackDeadline(settings, domestic())).contains(days(FULFILLED, 60));
    }

    @Test
    @DisplayName("a delivery seen after the fallback deadline never sends later than the deadline")
    void lateDeliveryIsCappedByFallback() {
        SendDecision decision = policy.decide(settings, domestic(), TimingBasis.delivered(days(FULFILLED, 59)),
                LONG_AGO);

        assertThat(decision.sendAt()).isEqualTo(days(FULFILLED, 60));
        assertThat(decision.reason()).isEqualTo(TimingReason.FALLBACK);
    }

    @Test
    @DisplayName("fallback switched off: no deadline, a late delivery still times from delivery")
    void fallbackSwitchedOff() {
        ShopSettings noFallback = settings.toBuilder().fallbackEnabled(false).build();

        assertThat(policy.fallbackDeadline(noFallback, domestic())).isEmpty();
        SendDecision decision = policy.decide(noFallback, domestic(), TimingBasis.delivered(days(FULFILLED, 80)),
                LONG_AGO);
        assertThat(decision.sendAt()).isEqualTo(days(FULFILLED, 83));
        assertThat(decision.reason()).isEqualTo(TimingReason.DELIVERY_BASED);
    }

    @Test
    @DisplayName("send time already past -> now")
    void sendTimeAlreadyPastMeansNow() {
        Instant now = days(FULFILLED, 30);

        SendDecision decision = policy.decide(settings, domestic(), TimingBasis.delivered(days(FULFILLED, 2)), now);

        assertThat(decision.sendAt()).isEqualTo(now);
        assertThat(decision.sendNow()).isTrue();
        assertThat(decision.ruleTime()).isEqualTo(days(FULFILLED, 7));
        assertThat(decision.explanation()).contains("now");
    }

    @Test
    @DisplayName("only the initial fulfillment's tracking counts")
    void onlyInitialFulfillmentTrackingCounts() {
        Fulfillment initial = domestic();
        Fulfillment updated = new Fulfillment("f2", days(FULFILLED, 2), "NEW-NUMBER", "FedEx", "US");

        assertThat(policy.initialOf(initial, updated)).isSameAs(initial);
        assertThat(policy.initialOf(updated, initial)).isSameAs(initial); // arrived out of order
        assertThat(policy.initialOf(null, updated)).isSameAs(updated);
    }
}
