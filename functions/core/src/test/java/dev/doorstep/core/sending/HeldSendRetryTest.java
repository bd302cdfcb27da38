package dev.doorstep.core.sending;

import static dev.doorstep.core.sending.SendingFixtures.SEND_AT;
import static dev.doorstep.core.sending.SendingFixtures.SHOP;
import static org.assertj.core.api.Assertions.assertThat;

import dev.doorstep.core.memory.InMemoryOrderStore;
import dev.doorstep.core.memory.InMemoryReviewRequestScheduler;
import dev.doorstep.core.memory.InMemoryShopStore;
import dev.doorstep.core.memory.InMemorySuppressionList;
import dev.doorstep.core.model.Order;
import dev.doorstep.core.model.OrderKey;
import dev.doorstep.core.model.OrderStatus;
import dev.doorstep.core.planning.ReviewRequestPlanner;
import dev.doorstep.core.polling.DueWorkSweep;
import dev.doorstep.core.port.ReviewRequestScheduler;
import dev.doorstep.core.sending.SendOutcome.Result;
import dev.doorstep.core.timing.TimingPolicy;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** A send held by the mail set-up is tried again on its own, soon, at the time its reason names. */
class HeldSendRetryTest {

    private static final Instant NOW = SEND_AT.plusSeconds(30);
    private static final OrderKey KEY = new OrderKey(SHOP, "1001");

    private final InMemoryOrderStore orders = new InMemoryOrderStore();
    private final InMemoryShopStore shops = new InMemoryShopStore();
    private final InMemoryReviewRequestScheduler scheduler = new InMemoryReviewRequestScheduler();
    private final SetupMailer mailer = new SetupMailer();
    private final ReviewRequestSending sending = new ReviewRequestSending(orders, shops,
            new InMemorySuppressionList(), mailer, SendingFixtures.COMPOSER, ReviewRequestSending.DEFAULT_LEASE,
            Pause.SLEEP, scheduler);

    @BeforeEach
    void shopAndOrder() {
        shops.save(SendingFixtures.shop());
        orders.insert(SendingFixtures.scheduledOrder("1001", "ana@example.com"));
    }

    @Test
    @DisplayName("a held send gets a retry 15 minutes (plus its spread) on, and the reason and send time name it")
    void heldSendIsRetriedSoon() {
        mailer.broken.set(true);

        SendOutcome held = sending.send(KEY, NOW);

        Instant retryAt = HeldRetry.at(KEY, 1, NOW, SendingFixtures.shop().settings());
        assertThat(retryAt).isBetween(NOW.plus(Duration.ofMinutes(15)).minusSeconds(1),
                NOW.plus(Duration.ofMinutes(19)));
        assertThat(held.result()).isEqualTo(Result.HELD);
        assertThat(scheduler.heldRetries()).containsEntry(KEY, retryAt);
        Order stored = orders.find(KEY).orElseThrow();
        assertThat(stored.status()).isEqualTo(OrderStatus.SCHEDULED);
        assertThat(stored.statusReason()).startsWith(ReviewRequestSending.HELD_PREFIX)
                .endsWith("; trying again at " + retryAt);
        assertThat(stored.sendAt()).as("the page's send time is the retry's").isEqualTo(retryAt);
        assertThat(stored.dueAt()).as("the sweep steps in only if the retry is an hour late")
                .contains(retryAt.plus(dev.doorstep.core.model.Order.SEND_GRACE));
    }

    @Test
    @DisplayName("holds in a row wait 15, 30, 60 minutes, then 2 hours; once the set-up is fixed the retry sends once")
    void holdsBackOffAndTheFixedSetupSends() {
        mailer.broken.set(true);
        Instant at = NOW;
        List<Duration> waits = new ArrayList<>();
        for (int hold = 1; hold <= 5; hold++) {
            assertThat(sending.send(KEY, at).result()).isEqualTo(Result.HELD);
            Instant retryAt = scheduler.heldRetries().get(KEY);
            waits.add(Duration.between(at, retryAt).minus(HeldRetry.spread(KEY, HeldRetry.backoff(hold))));
            at = retryAt.plusSeconds(20); // the retry fires
        }
        assertThat(waits).extracting(d -> d.toMinutes()).containsExactly(15L, 30L, 60L, 120L, 120L);

        mailer.broken.set(false);
        assertThat(sending.send(KEY, at).result()).isEqualTo(Result.SENT);
        assertThat(sending.send(KEY, at.plusSeconds(5)).result()).isEqualTo(Result.ALREADY_SENT);
        assertThat(mailer.sent).isEqualTo(1);
        assertThat(mailer.attempts).isEqualTo(6);
    }

    @Test
    @DisplayName("an old schedule firing before the retry's time waits for the retry instead of asking SES again")
    void earlierFiringWaitsForTheRetry() {
        mailer.broken.set(true);
        sending.send(KEY, NOW);

        assertThat(sending.send(KEY, NOW.plusSeconds(60)).result()).isEqualTo(Result.NOT_YET_DUE);
        assertThat(mailer.attempts).isEqualTo(1);
    }

    @Test
    @DisplayName("when the retry cannot be scheduled the order keeps its send time and says the sweep will try")
    void retryNotScheduledFallsBackToTheSweep() {
        mailer.broken.set(true);
        ReviewRequestScheduler down = new ReviewRequestScheduler() {
            @Override
            public void schedule(OrderKey order, Instant sendAt, ZoneId shopZone) {
                throw new IllegalStateException("Scheduler throttled");
            }

            @Override
            public void cancel(OrderKey order) {
            }
        };
        ReviewRequestSending withoutRetries = new ReviewRequestSending(orders, shops, new InMemorySuppressionList(),
                mailer, SendingFixtures.COMPOSER, ReviewRequestSending.DEFAULT_LEASE, Pause.SLEEP, down);

        assertThat(withoutRetries.send(KEY, NOW).result()).isEqualTo(Result.HELD);

        Order stored = orders.find(KEY).orElseThrow();
        assertThat(stored.statusReason()).startsWith(ReviewRequestSending.HELD_PREFIX)
                .contains("the next sweep").doesNotContain("trying again at");
        assertThat(stored.sendAt()).isEqualTo(SEND_AT);
        assertThat(stored.dueAt()).as("due for the next sweep").contains(SEND_AT.plus(Order.SEND_GRACE));
    }

    @Test
    @DisplayName("the held retry and the sweep's re-armed schedule firing at once send exactly one email")
    void heldRetryAndSweepRacingSendOnce() throws Exception {
        mailer.broken.set(true);
        sending.send(KEY, NOW);
        Instant retryAt = scheduler.heldRetries().get(KEY);
        mailer.broken.set(false);

        // The retry is late (a Scheduler outage): the sweep finds the order overdue and re-arms its schedule.
        Instant sweepAt = retryAt.plus(Order.SEND_GRACE).plusSeconds(1);
        DueWorkSweep sweep = new DueWorkSweep(orders, shops, null, null,
                new ReviewRequestPlanner(new TimingPolicy(), orders, scheduler), scheduler);
        assertThat(sweep.sweep(sweepAt, () -> true).schedulesEnsured()).isEqualTo(1);
        assertThat(scheduler.schedules()).containsKey(KEY);

        // Both fire: the late retry and the re-armed schedule, with a few more async retries for good measure.
        int invocations = 6;
        CyclicBarrier start = new CyclicBarrier(invocations);
        ExecutorService pool = Executors.newFixedThreadPool(invocations);
        List<Future<SendOutcome>> results = new ArrayList<>();
        for (int i = 0; i < invocations; i++) {
            results.add(pool.submit(() -> {
                start.await();
                return sending.send(KEY, sweepAt.plusSeconds(60));
            }));
        }
        List<Result> outcomes = new ArrayList<>();
        for (Future<SendOutcome> r : results) {
            outcomes.add(r.get(10, TimeUnit.SECONDS).result());
        }
        pool.shutdown();

        assertThat(outcomes).containsOnlyOnce(Result.SENT)
                .allMatch(r -> r == Result.SENT || r == Result.IN_PROGRESS || r == Result.ALREADY_SENT);
        assertThat(mailer.sent).isEqualTo(1);
        assertThat(orders.find(KEY).orElseThrow().status()).isEqualTo(OrderStatus.SENT);
    }

    /** SES as our set-up makes it: refusing every send while {@link #broken}, accepting once fixed. */
    private static final class SetupMailer implements Mailer {
        final AtomicBoolean broken = new AtomicBoolean();
        int attempts;
        int sent;

        @Override
        public synchronized String send(ReviewRequestEmail email) {
            attempts++;
            if (broken.get()) {
                throw new MailSetupFailure("the mail set-up needs attention: Email address is not verified", null);
            }
            sent++;
            return "msg-" + sent;
        }
    }
}
