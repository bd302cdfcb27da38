package dev.doorstep.core.timing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.arbitrary;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.doorstep.core.model.Fulfillment;
import dev.doorstep.core.model.ShopSettings;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/** Rules of the timing policy that hold for any settings, fulfillment, timing basis and clock. */
class TimingPolicyProperties {

    private static final Instant EPOCH = Instant.parse("2025-01-01T00:00:00Z");
    private static final int EXAMPLES = 1000;
    private static final long DAY = 24 * 3600;

    private final TimingPolicy policy = new TimingPolicy();

    @Test
    void sendTimeIsNeverBeforeFulfillmentPlusMinimumDelay() {
        qt().withExamples(EXAMPLES).forAll(cases()).checkAssert(c -> {
            SendDecision decision = policy.decide(c.settings, c.fulfillment, c.basis, c.now);

            Instant floor = c.fulfillment.fulfilledAt()
                    .plus(c.settings.minimumDelay(c.fulfillment.destinationCountry()));
            assertThat(decision.sendAt()).isAfterOrEqualTo(floor);
        });
    }

    @Test
    void sendTimeIsNeverAfterTheFallbackDeadlineWhenFallbackIsOn() {
        qt().withExamples(EXAMPLES).forAll(cases()).checkAssert(c -> {
            SendDecision decision = policy.decide(c.settings, c.fulfillment, c.basis, c.now);

            if (c.settings.fallbackEnabled()) {
                Instant deadline = c.fulfillment.fulfilledAt().plus(Duration.ofDays(c.settings.fallbackDays()));
                // "now" may be later than the deadline (the sweep ran late); then it goes out at once.
                assertThat(decision.sendAt()).isBeforeOrEqualTo(deadline.isAfter(c.now) ? deadline : c.now);
                assertThat(decision.ruleTime()).isBeforeOrEqualTo(deadline);
            }
        });
    }

    @Test
    void theSameInputsAlwaysGiveTheSameAnswer() {
        qt().withExamples(EXAMPLES).forAll(cases()).checkAssert(c ->
                assertThat(policy.decide(c.settings, c.fulfillment, c.basis, c.now))
                        .isEqualTo(new TimingPolicy().decide(c.settings, c.fulfillment, c.basis, c.now)));
    }

    @Test
    void aPastTimeMeansNowAndAFutureTimeIsKept() {
        qt().withExamples(EXAMPLES).forAll(cases()).checkAssert(c -> {
            SendDecision decision = policy.decide(c.settings, c.fulfillment, c.basis, c.now);

            assertThat(decision.sendAt()).isAfterOrEqualTo(c.now);
            assertThat(decision.sendNow()).isEqualTo(decision.ruleTime().isBefore(c.now));
        });
    }

    record Case(ShopSettings settings, Fulfillment fulfillment, TimingBasis basis, Instant now) {
    }

    private static Gen<ShopSettings> settings() {
        Gen<Integer> minDomestic = integers().between(0, 30);
        Gen<Integer> minInternational = integers().between(0, 45);
        Gen<Integer> waitDays = integers().between(0, 60);
        Gen<Boolean> fallbackOn = booleans().all();
        Gen<Integer> fallbackDays = integers().between(45, 120);
        Gen<String> shopCountry = arbitrary().pick("US", "DE", null);
        return in -> ShopSettings.defaults("prop.myshopify.com").toBuilder()
                .minDelayDomesticDays(minDomestic.generate(in))
                .minDelayInternationalDays(minInternational.generate(in))
                .waitDaysAfterDelivery(waitDays.generate(in))
                .waitDaysAfterFulfillment(waitDays.generate(in))
                .fallbackEnabled(fallbackOn.generate(in))
                .fallbackDays(fallbackDays.generate(in))
                .shopCountry(shopCountry.generate(in))
                .build();
    }

    /** Settings, a fulfillment within 400 days, a basis (delivered, fulfillment timing or fallback) and a clock. */
    private static Gen<Case> cases() {
        Gen<ShopSettings> settings = settings();
        Gen<Instant> fulfilledAt = longs().between(0, 400 * DAY).map(EPOCH::plusSeconds);
        Gen<String> destination = arbitrary().pick("US", "DE", "FR", null);
        Gen<Long> deliveryOffset = longs().between(-2 * DAY, 150 * DAY);
        Gen<Integer> basisKind = integers().between(0, 2);
        Gen<FulfillmentTimingCause> cause = arbitrary().enumValues(FulfillmentTimingCause.class);
        Gen<Long> nowOffset = longs().between(-10 * DAY, 200 * DAY);
        // Every part is drawn every time, so shrinking the basis kind leaves the other draws in place.
        return in -> {
            ShopSettings s = settings.generate(in);
            Instant at = fulfilledAt.generate(in);
            Fulfillment f = new Fulfillment("f", at, "1Z", "UPS", destination.generate(in));
            long offset = deliveryOffset.generate(in);
            int kind = basisKind.generate(in);
            FulfillmentTimingCause why = cause.generate(in);
            TimingBasis basis = switch (kind) {
                case 0 -> TimingBasis.delivered(at.plusSeconds(offset));
                case 1 -> TimingBasis.fromFulfillment(why);
                default -> s.fallbackEnabled() ? TimingBasis.fallbackReached()
                        : TimingBasis.delivered(at.plusSeconds(offset));
            };
            return new Case(s, f, basis, at.plusSeconds(nowOffset.generate(in)));
        };
    }
}
