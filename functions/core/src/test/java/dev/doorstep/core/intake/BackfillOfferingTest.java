package dev.doorstep.core.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.doorstep.core.memory.InMemoryAfterShipCredentialStore;
import dev.doorstep.core.memory.InMemoryBackfillOffers;
import dev.doorstep.core.memory.InMemoryOrderStore;
import dev.doorstep.core.memory.InMemoryReviewRequestScheduler;
import dev.doorstep.core.memory.InMemoryShopStore;
import dev.doorstep.core.model.BackfillOccasion;
import dev.doorstep.core.model.BackfillOffer;
import dev.doorstep.core.model.BackfillState;
import dev.doorstep.core.model.Shop;
import dev.doorstep.core.model.ShopSettings;
import dev.doorstep.core.planning.ReviewRequestPlanner;
import dev.doorstep.core.port.AfterShipCredentials;
import dev.doorstep.core.port.BackfillOffers;
import dev.doorstep.core.port.BackfillRequests;
import dev.doorstep.core.settings.IntegrationSwitchOff;
import dev.doorstep.core.settings.SettingsUpdate;
import dev.doorstep.core.timing.TimingPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BackfillOfferingTest {

    private static final String SHOP = "demo.myshopify.com";
    private static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");

    private final InMemoryShopStore shops = new InMemoryShopStore();
    private final InMemoryBackfillOffers offers = new InMemoryBackfillOffers();
    private final List<String> queued = new ArrayList<>();
    private final BackfillOffering offering = new BackfillOffering(shops, offers, queued::add);

    BackfillOfferingTest() {
        shops.save(Shop.installed(ShopSettings.defaults(SHOP)));
    }

    @Test
    void anOfferQueuesNothingUntilItIsAccepted() {
        BackfillOffer offered = offering.offer(SHOP, BackfillOccasion.INSTALL, NOW);

        assertThat(offered.state()).isEqualTo(BackfillState.OFFERED);
        assertThat(offered.offeredAt()).isEqualTo(NOW);
        assertThat(queued).isEmpty();

        BackfillOffer accepted = offering.accept(SHOP, NOW.plusSeconds(60)).orElseThrow();
        assertThat(accepted.state()).isEqualTo(BackfillState.QUEUED);
        assertThat(accepted.acceptedAt()).isEqualTo(NOW.plusSeconds(60));
        assertThat(accepted.occasion()).isEqualTo(BackfillOccasion.INSTALL);
        assertThat(queued).containsExactly(SHOP);
    }

    @Test
    void acceptingTwiceQueuesOnceUntilTheQueuedOneIsOverdue() {
        offering.offer(SHOP, BackfillOccasion.INSTALL, NOW);
        offering.accept(SHOP, NOW);
        BackfillOffer again = offering.accept(SHOP, NOW.plus(Duration.ofMinutes(5))).orElseThrow();

        assertThat(again.acceptedAt()).isEqualTo(NOW);
        assertThat(queued).hasSize(1);

        Instant overdue = NOW.plus(BackfillOffering.QUEUED_GRACE).plusSeconds(1);
        assertThat(offering.accept(SHOP, overdue).orElseThrow().acceptedAt()).isEqualTo(overdue);
        assertThat(queued).hasSize(2);
    }

    @Test
    void theWorkersOutcomeFinishesTheQueuedOffer() {
        offering.offer(SHOP, BackfillOccasion.SWITCH_ON, NOW);
        offering.accept(SHOP, NOW);
        BackfillOutcome outcome = new BackfillOutcome(7, 3, 2, 1, 1);

        offering.finish(SHOP, outcome, NOW.plusSeconds(30));

        BackfillOffer done = offering.current(SHOP).orElseThrow();
        assertThat(done.state()).isEqualTo(BackfillState.DONE);
        assertThat(done.outcome()).isEqualTo(outcome);
        assertThat(done.finishedAt()).isEqualTo(NOW.plusSeconds(30));
    }

    @Test
    void aFinishWithoutAQueuedOfferChangesNothing() {
        offering.offer(SHOP, BackfillOccasion.INSTALL, NOW);

        offering.finish(SHOP, new BackfillOutcome(1, 1, 0, 0, 0), NOW);

        assertThat(offering.current(SHOP).orElseThrow().state()).isEqualTo(BackfillState.OFFERED);
    }

    @Test
    void aNewOfferWhileQueuedLeavesTheQueuedOne() {
        offering.offer(SHOP, BackfillOccasion.INSTALL, NOW);
        offering.accept(SHOP, NOW);

        BackfillOffer after = offering.offer(SHOP, BackfillOccasion.SWITCH_ON, NOW.plusSeconds(10));

        assertThat(after.state()).isEqualTo(BackfillState.QUEUED);
        assertThat(after.occasion()).isEqualTo(BackfillOccasion.INSTALL);
    }

    @Test
    void aDoneBackfillIsOfferedAgainAtTheNextSwitchOnKeepingItsLastOutcome() {
        offering.offer(SHOP, BackfillOccasion.INSTALL, NOW);
        offering.accept(SHOP, NOW);
        BackfillOutcome first = new BackfillOutcome(4, 0, 4, 0, 0);
        offering.finish(SHOP, first, NOW);

        BackfillOffer again = offering.offer(SHOP, BackfillOccasion.SWITCH_ON, NOW.plus(Duration.ofDays(1)));

        assertThat(again.state()).isEqualTo(BackfillState.OFFERED);
        assertThat(again.occasion()).isEqualTo(BackfillOccasion.SWITCH_ON);
        assertThat(again.outcome()).isEqualTo(first);
    }

    @Test
    void declineEndsAnOfferButNotAQueuedBackfill() {
        assertThat(offering.decline(SHOP, NOW)).isEmpty();

        offering.offer(SHOP, BackfillOccasion.INSTALL, NOW);
        assertThat(offering.decline(SHOP, NOW).orElseThrow().state()).isEqualTo(BackfillState.DECLINED);
        assertThat(queued).isEmpty();

        offering.accept(SHOP, NOW);
        assertThatThrownBy(() -> offering.decline(SHOP, NOW)).isInstanceOf(BackfillConflictException.class)
                .hasMessageContaining("already being taken in");
        assertThat(offering.current(SHOP).orElseThrow().state()).isEqualTo(BackfillState.QUEUED);
    }

    @Test
    void theOperatorMayAskWithoutAnOffer() {
        BackfillOffer asked = offering.accept(SHOP, NOW).orElseThrow();

        assertThat(asked.state()).isEqualTo(BackfillState.QUEUED);
        assertThat(asked.occasion()).isEqualTo(BackfillOccasion.OPERATOR);
        assertThat(queued).containsExactly(SHOP);
    }

    @Test
    void anUnknownOrUninstalledShopIsNotQueued() {
        assertThat(offering.accept("other.myshopify.com", NOW)).isEmpty();
        shops.save(new Shop(ShopSettings.defaults(SHOP), false, null));

        assertThat(offering.accept(SHOP, NOW)).isEmpty();
        assertThat(queued).isEmpty();
    }

    @Test
    void aQueueThatRefusesPutsTheOfferBack() {
        BackfillRequests refusing = shop -> {
            throw new IllegalStateException("queue unavailable");
        };
        BackfillOffering failing = new BackfillOffering(shops, offers, refusing);
        failing.offer(SHOP, BackfillOccasion.INSTALL, NOW);

        assertThatThrownBy(() -> failing.accept(SHOP, NOW)).hasMessage("queue unavailable");

        BackfillOffer after = failing.current(SHOP).orElseThrow();
        assertThat(after.state()).isEqualTo(BackfillState.OFFERED);
        assertThat(after.offeredAt()).isEqualTo(NOW);
    }

    @Test
    void aLostRaceIsDecidedAgainOnTheFreshOffer() {
        // Another writer declines between our read and our write: the accept still lands, on the new version.
        BackfillOffers racing = new BackfillOffers() {
            private boolean raced;

            @Override
            public Optional<BackfillOffer> find(String shop) {
                return offers.find(shop);
            }

            @Override
            public Optional<BackfillOffer> put(BackfillOffer next) {
                if (!raced && next.state() == BackfillState.QUEUED) {
                    raced = true;
                    offers.put(offers.find(next.shop()).orElseThrow().declined());
                }
                return offers.put(next);
            }
        };
        BackfillOffering racy = new BackfillOffering(shops, racing, queued::add);
        racy.offer(SHOP, BackfillOccasion.INSTALL, NOW);

        BackfillOffer accepted = racy.accept(SHOP, NOW).orElseThrow();

        assertThat(accepted.state()).isEqualTo(BackfillState.QUEUED);
        assertThat(accepted.version()).isEqualTo(3);
        assertThat(queued).containsExactly(SHOP);
    }

    @Test
    void switchingAfterShipOnOffersTheBackfillAndQueuesNothing() {
        InMemoryOrderStore orders = new InMemoryOrderStore();
        InMemoryReviewRequestScheduler scheduler = new InMemoryReviewRequestScheduler();
        ReviewRequestPlanner planner = new ReviewRequestPlanner(new TimingPolicy(), orders, scheduler);
        SettingsUpdate update = new SettingsUpdate(shops, new InMemoryAfterShipCredentialStore(),
                new IntegrationSwitchOff(orders, planner), offering);
        ShopSettings on = ShopSettings.defaults(SHOP).toBuilder().shopCountry("US").aftershipEnabled(true).build();

        update.save(on, Optional.of(new AfterShipCredentials(new byte[] {1}, null)), NOW);

        assertThat(offering.current(SHOP).orElseThrow().occasion()).isEqualTo(BackfillOccasion.SWITCH_ON);
        assertThat(queued).isEmpty();

        update.save(on, Optional.empty(), NOW.plusSeconds(5)); // still on: no new offer
        assertThat(offering.current(SHOP).orElseThrow().offeredAt()).isEqualTo(NOW);
    }
}
