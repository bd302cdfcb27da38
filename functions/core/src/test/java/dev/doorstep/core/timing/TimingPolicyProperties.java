package dev.doorstep.core.timing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.doorstep.core.model.Fulfillment;
import dev.doorstep.core.model.ShopSettings;
import java.time.Duration;
import java.time.Instant;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class TimingPolicyProperties {

    private static final Instant EPOCH = Instant.parse("2025-01-01T00:00:00Z");
    private final TimingPolicy policy = new TimingPolicy();

    @Property
    void sendTimeIsNeverBeforeFulfillmentPlusMinimumDelay(@ForAll("cases") Case c) {
        SendDecision decision = policy.decide(c.settings, c.fulfillment, c.basis, c.now);

        Instant floor = c.fulfillment.fulfilledAt().plus(c.settings.minimumDelay(c.fulfillment.destinationCountry()));
        assertThat(decision.sendAt()).isAfterOrEqualTo(floor);
    }

    @Property
    void sendTimeIsNeverAfterTheFallbackDeadlineWhenFallbackIsOn(@ForAll("cases") Case c) {
        SendDecision decision = policy.decide(c.settings, c.fulfillment, c.basis, c.now);

        if (c.settings.fallbackEnabled()) {
            Instant deadline = c.fulfillment.fulfilledAt().plus(Duration.ofDays(c.settings.fallbackDays()));
            // "now" may be later than the deadline (the sweep ran late); then it goes out at once.
            assertThat(decision.sendAt()).isBeforeOrEqualTo(deadline.isAfter(c.now) ? deadline : c.now);
            assertThat(decision.ruleTime()).isBeforeOrEqualTo(deadline);
        }
    }

    @Property
    void theSameInputsAlwaysGiveTheSameAnswer(@ForAll("cases") Case c) {
        assertThat(policy.decide(c.settings, c.fulfillment, c.basis, c.now))
                .isEqualTo(new TimingPolicy().decide(c.settings, c.fulfillment, c.basis, c.now));
    }

    @Property
    void aPastTimeMeansNowAndAFutureTimeIsKept(@ForAll("cases") Case c) {
        SendDecision decision = policy.decide(c.settings, c.fulfillment, c.basis, c.now);

        assertThat(decision.sendAt()).isAfterOrEqualTo(c.now);
        assertThat(decision.sendNow()).isEqualTo(decision.ruleTime().isBefore(c.now));
    }

    record Case(ShopSettings settings, Fulfillment fulfillment, TimingBasis basis, Instant now) {
    }

    @Provide
    Arbitrary<Case> cases() {
        Arbitrary<Integer> minDomestic = Arbitraries.integers().between(0, 30);
        Arbitrary<Integer> minInternational = Arbitraries.integers().between(0, 45);
        Arbitrary<ShopSettings> settings = Combinators.combine(
                minDomestic, minInternational,
                Arbitraries.integers().between(0, 60),
                Arbitraries.integers().between(0, 60),
                Arbitraries.of(true, false),
                Arbitraries.integers().between(45, 120),
                Arbitraries.of("US", "DE", null))
                .as((dom, intl, waitDelivery, waitFulfillment, fallbackOn, fallbackDays, country) ->
                        ShopSettings.defaults("prop.myshopify.com").toBuilder()
                                .minDelayDomesticDays(dom).minDelayInternationalDays(intl)
                                .waitDaysAfterDelivery(waitDelivery).waitDaysAfterFulfillment(waitFulfillment)
                                .fallbackEnabled(fallbackOn).fallbackDays(fallbackDays).shopCountry(country)
                                .build());
        Arbitrary<Instant> fulfilledAt = Arbitraries.longs().between(0, 400L * 24 * 3600).map(EPOCH::plusSeconds);
        Arbitrary<String> destination = Arbitraries.of("US", "DE", "FR", null);
        Arbitrary<Long> deliveryOffset = Arbitraries.longs().between(-2L * 24 * 3600, 150L * 24 * 3600);
        Arbitrary<Integer> basisKind = Arbitraries.integers().between(0, 2);
        Arbitrary<FulfillmentTimingCause> cause = Arbitraries.of(FulfillmentTimingCause.class);
        Arbitrary<Long> nowOffset = Arbitraries.longs().between(-10L * 24 * 3600, 200L * 24 * 3600);
        return Combinators.combine(settings, fulfilledAt, destination, deliveryOffset, basisKind, cause, nowOffset)
                .as((s, at, dest, offset, kind, why, nowAfter) -> {
                    Fulfillment f = new Fulfillment("f", at, "1Z", "UPS", dest);
                    TimingBasis basis = switch (kind) {
                        case 0 -> TimingBasis.delivered(at.plusSeconds(offset));
                        case 1 -> TimingBasis.fromFulfillment(why);
                        default -> s.fallbackEnabled() ? TimingBasis.fallbackReached()
                                : TimingBasis.delivered(at.plusSeconds(offset));
                    };
                    return new Case(s, f, basis, at.plusSeconds(nowAfter));
                });
    }
}
