package dev.doorstep.core.sending;

import static dev.doorstep.core.sending.SendingFixtures.SEND_AT;
import static dev.doorstep.core.sending.SendingFixtures.SHOP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.doorstep.core.memory.InMemoryOrderStore;
import dev.doorstep.core.memory.InMemoryShopStore;
import dev.doorstep.core.memory.InMemorySuppressionList;
import dev.doorstep.core.model.Customer;
import dev.doorstep.core.model.Order;
import dev.doorstep.core.model.OrderKey;
import dev.doorstep.core.model.OrderStatus;
import dev.doorstep.core.model.Shop;
import dev.doorstep.core.sending.SendOutcome.Result;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ReviewRequestSendingTest {

    private static final Instant NOW = SEND_AT.plusSeconds(30);
    private static final OrderKey KEY = new OrderKey(SHOP, "1001");

    private final InMemoryOrderStore orders = new InMemoryOrderStore();
    private final InMemoryShopStore shops = new InMemoryShopStore();
    private final InMemorySuppressionList suppressions = new InMemorySuppressionList();
    private final ScriptedMailer mailer = new ScriptedMailer();
    private final ReviewRequestSending sending = new ReviewRequestSending(orders, shops, suppressions, mailer,
            SendingFixtures.COMPOSER, ReviewRequestSending.DEFAULT_LEASE);

    @BeforeEach
    void shopAndOrder() {
        shops.save(SendingFixtures.shop());
        orders.insert(SendingFixtures.scheduledOrder("1001", "ana@example.com"));
    }

    @Test
    @DisplayName("a due order is claimed, sent once and marked SENT with the message id")
    void sendsAndMarksSent() {
        SendOutcome outcome = sending.send(KEY, NOW);

        assertThat(outcome.result()).isEqualTo(Result.SENT);
        assertThat(mailer.sent).hasSize(1);
        Order stored = orders.find(KEY).orElseThrow();
        assertThat(stored.status()).isEqualTo(OrderStatus.SENT);
        assertThat(stored.messageId()).isEqualTo(outcome.messageId()).isEqualTo("msg-1");
        assertThat(stored.leaseUntil()).isNull();
        assertThat(stored.history()).extracting(c -> c.to())
                .containsSubsequence(OrderStatus.SCHEDULED, OrderStatus.SENDING, OrderStatus.SENT);
    }

    @Test
    @DisplayName("a second invocation for the same order sends nothing")
    void duplicateInvocationSendsOnce() {
        sending.send(KEY, NOW);
        SendOutcome second = sending.send(KEY, NOW.plusSeconds(5));

        assertThat(second.result()).isEqualTo(Result.ALREADY_SENT);
        assertThat(second.messageId()).isEqualTo("msg-1");
        assertThat(mailer.sent).hasSize(1);
    }

    @Test
    @DisplayName("many invocations at once: exactly one wins the claim and sends")
    void concurrentInvocationsSendOnce() throws Exception {
        int invocations = 8;
        java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(invocations);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(invocations);
        List<java.util.concurrent.Future<SendOutcome>> results = new ArrayList<>();
        for (int i = 0; i < invocations; i++) {
            results.add(pool.submit(() -> {
                start.await();
                return sending.send(KEY, NOW);
            }));
        }
        List<Result> outcomes = new ArrayList<>();
        for (java.util.concurrent.Future<SendOutcome> r : results) {
            outcomes.add(r.get(10, java.util.concurrent.TimeUnit.SECONDS).result());
        }
        pool.shutdown();

        assertThat(outcomes).containsOnlyOnce(Result.SENT)
                .allMatch(r -> r == Result.SENT || r == Result.IN_PROGRESS || r == Result.ALREADY_SENT);
        assertThat(mailer.sent).hasSize(1);
        assertThat(orders.find(KEY).orElseThrow().status()).isEqualTo(OrderStatus.SENT);
    }

    @Test
    @DisplayName("an invocation while another one holds a live claim sends nothing")
    void liveClaimIsRespected() {
        Order order = orders.find(KEY).orElseThrow();
        orders.update(order, order.moveTo(OrderStatus.SENDING, "claimed", NOW).toBuilder()
                .leaseUntil(NOW.plus(Duration.ofMinutes(5))).build());

        assertThat(sending.send(KEY, NOW.plusSeconds(60)).result()).isEqualTo(Result.IN_PROGRESS);
        assertThat(mailer.sent).isEmpty();
    }

    @Test
    @DisplayName("an expired claim that the mail service never confirmed is taken over and sent")
    void expiredClaimIsTakenOver() {
        Order order = orders.find(KEY).orElseThrow();
        orders.update(order, order.moveTo(OrderStatus.SENDING, "claimed", NOW).toBuilder()
                .leaseUntil(NOW.plus(Duration.ofMinutes(5))).build());

        SendOutcome outcome = sending.send(KEY, NOW.plus(Duration.ofMinutes(6)));

        assertThat(outcome.result()).isEqualTo(Result.SENT);
        assertThat(mailer.sent).hasSize(1);
        assertThat(orders.find(KEY).orElseThrow().history()).extracting(c -> c.reason())
                .contains("the previous send attempt did not finish; trying again");
    }

    @Test
    @DisplayName("the mail service's send event marks a crashed attempt SENT, so the takeover sends nothing")
    void confirmationClosesTheCrashWindow() {
        Order order = orders.find(KEY).orElseThrow();
        orders.update(order, order.moveTo(OrderStatus.SENDING, "claimed", NOW).toBuilder()
                .leaseUntil(NOW.plus(Duration.ofMinutes(5))).build());

        SendOutcome confirmed = new SendConfirmation(orders).confirm(KEY, "ses-42", NOW.plusSeconds(2));
        SendOutcome retry = sending.send(KEY, NOW.plus(Duration.ofMinutes(6)));

        assertThat(confirmed.result()).isEqualTo(Result.SENT);
        assertThat(retry.result()).isEqualTo(Result.ALREADY_SENT);
        assertThat(retry.messageId()).isEqualTo("ses-42");
        assertThat(mailer.sent).isEmpty();
    }

    @Test
    @DisplayName("a confirmation that arrives after the sender marked SENT changes nothing")
    void lateConfirmationIsHarmless() {
        sending.send(KEY, NOW);
        assertThat(new SendConfirmation(orders).confirm(KEY, "msg-1", NOW.plusSeconds(3)).result())
                .isEqualTo(Result.ALREADY_SENT);
        assertThat(orders.find(KEY).orElseThrow().messageId()).isEqualTo("msg-1");
    }

    @Test
    @DisplayName("a cancelled (or refunded) order is not sent")
    void cancelledOrderIsNotSent() {
        Order order = orders.find(KEY).orElseThrow();
        orders.update(order, order.moveTo(OrderStatus.CANCELLED, "order refunded", NOW));

        SendOutcome outcome = sending.send(KEY, NOW);

        assertThat(outcome.result()).isEqualTo(Result.NOT_PENDING);
        assertThat(outcome.reason()).contains("Cancelled").contains("order refunded");
        assertThat(mailer.sent).isEmpty();
    }

    @Test
    @DisplayName("a suppression recorded before digests were keyed (plain SHA-256) still holds, and is re-keyed")
    void unkeyedSuppressionStillHoldsAndIsRekeyed() {
        EmailDigest unkeyed = EmailDigest.unkeyedSha256("ana@example.com");
        suppressions.suppress(new Suppression(SHOP, unkeyed, SuppressionReason.COMPLAINT, NOW.minusSeconds(86_400)));

        SendOutcome outcome = sending.send(KEY, NOW);

        assertThat(outcome.result()).isEqualTo(Result.SKIPPED);
        assertThat(mailer.sent).isEmpty();
        assertThat(suppressions.find(SHOP, unkeyed)).as("the guessable digest is gone").isEmpty();
        assertThat(suppressions.find(SHOP, SendingFixtures.TOKENS.digester().of("ana@example.com")))
                .hasValueSatisfying(s -> {
                    assertThat(s.reason()).isEqualTo(SuppressionReason.COMPLAINT);
                    assertThat(s.since()).isEqualTo(NOW.minusSeconds(86_400));
                });
    }

    @Test
    @DisplayName("an unsubscribed customer gets nothing, and the order says why")
    void unsubscribedCustomerIsSkipped() {
        suppressions.suppress(new Suppression(SHOP, SendingFixtures.TOKENS.digester().of("ANA@example.com "),
                SuppressionReason.UNSUBSCRIBED, NOW));

        SendOutcome outcome = sending.send(KEY, NOW);

        assertThat(outcome.result()).isEqualTo(Result.SKIPPED);
        assertThat(mailer.sent).isEmpty();
        Order stored = orders.find(KEY).orElseThrow();
        assertThat(stored.status()).isEqualTo(OrderStatus.SKIPPED);
        assertThat(stored.statusReason()).isEqualTo("the customer unsubscribed from review requests");
    }

    @Test
    @DisplayName("a customer without an email address is skipped")
    void noEmailIsSkipped() {
        Order order = orders.find(KEY).orElseThrow();
        orders.update(order, order.toBuilder().customer(new Customer("c", "Ana", null, null)).build());

        assertThat(sending.send(KEY, NOW).result()).isEqualTo(Result.SKIPPED);
        assertThat(orders.find(KEY).orElseThrow().statusReason()).isEqualTo("the customer has no email address");
    }

    @Test
    @DisplayName("a shop that turned requests off is skipped; an uninstalled shop cancels")
    void shopSettingsAreRecheckedAtSendTime() {
        Shop shop = SendingFixtures.shop();
        shops.save(new Shop(shop.settings().toBuilder().requestsEnabled(false).build(), true, null));
        assertThat(sending.send(KEY, NOW).result()).isEqualTo(Result.SKIPPED);
        assertThat(orders.find(KEY).orElseThrow().status()).isEqualTo(OrderStatus.SKIPPED);

        orders.insert(SendingFixtures.scheduledOrder("1002", "bo@example.com"));
        shops.save(new Shop(shop.settings(), false, null));
        assertThat(sending.send(new OrderKey(SHOP, "1002"), NOW).result()).isEqualTo(Result.SKIPPED);
        assertThat(orders.find(new OrderKey(SHOP, "1002")).orElseThrow().status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(mailer.sent).isEmpty();
    }

    @Test
    @DisplayName("a schedule that fires for a send time since moved later sends nothing")
    void rescheduledLaterIsNotYetDue() {
        Order order = orders.find(KEY).orElseThrow();
        orders.update(order, order.toBuilder().sendAt(NOW.plus(Duration.ofDays(2))).build());

        assertThat(sending.send(KEY, NOW).result()).isEqualTo(Result.NOT_YET_DUE);
        assertThat(mailer.sent).isEmpty();
        assertThat(orders.find(KEY).orElseThrow().status()).isEqualTo(OrderStatus.SCHEDULED);
    }

    @Test
    @DisplayName("throttling releases the claim and throws; the retry then sends exactly once")
    void throttlingThenSuccess() {
        mailer.script.add(() -> {
            throw new TransientMailFailure("Maximum sending rate exceeded", null);
        });

        assertThatThrownBy(() -> sending.send(KEY, NOW)).isInstanceOf(TransientMailFailure.class);
        Order released = orders.find(KEY).orElseThrow();
        assertThat(released.status()).isEqualTo(OrderStatus.SCHEDULED);
        assertThat(released.leaseUntil()).isNull();

        assertThat(sending.send(KEY, NOW.plusSeconds(60)).result()).isEqualTo(Result.SENT);
        assertThat(mailer.sent).hasSize(1);
        assertThat(orders.find(KEY).orElseThrow().status()).isEqualTo(OrderStatus.SENT);
    }

    @Test
    @DisplayName("a permanent failure marks the order FAILED with the reason, and a retry does not loop")
    void permanentFailureIsFinal() {
        mailer.script.add(() -> {
            throw new PermanentMailFailure("the mail service rejected the message: Email address is not valid",
                    null);
        });

        SendOutcome outcome = sending.send(KEY, NOW);
        SendOutcome again = sending.send(KEY, NOW.plusSeconds(60));

        assertThat(outcome.result()).isEqualTo(Result.FAILED);
        assertThat(orders.find(KEY).orElseThrow().statusReason()).contains("rejected the message");
        assertThat(again.result()).isEqualTo(Result.NOT_PENDING);
        assertThat(mailer.attempts).isEqualTo(1);
    }

    @Test
    @DisplayName("an unknown outcome keeps the claim: no second email before the lease runs out")
    void unknownOutcomeKeepsTheClaim() {
        mailer.script.add(() -> {
            throw new MailOutcomeUnknownException("read timed out", null);
        });

        assertThatThrownBy(() -> sending.send(KEY, NOW)).isInstanceOf(MailOutcomeUnknownException.class);
        assertThat(orders.find(KEY).orElseThrow().status()).isEqualTo(OrderStatus.SENDING);
        assertThat(sending.send(KEY, NOW.plusSeconds(60)).result()).isEqualTo(Result.IN_PROGRESS);
        assertThat(mailer.attempts).isEqualTo(1);
    }

    @Test
    @DisplayName("a cancellation landing while the email is on its way does not make the sender fail")
    void cancellationRacingTheSend() {
        mailer.script.add(() -> {
            Order sendingNow = orders.find(KEY).orElseThrow();
            orders.update(sendingNow, sendingNow.moveTo(OrderStatus.CANCELLED, "order cancelled", NOW));
            return "msg-race";
        });

        SendOutcome outcome = sending.send(KEY, NOW);

        assertThat(outcome.result()).isEqualTo(Result.SENT);
        assertThat(outcome.reason()).contains("Cancelled");
    }

    @Test
    @DisplayName("a SENT write that fails is tried again after a pause: one email, the order SENT")
    void sentWriteIsRetried() {
        FailingSentWrites flaky = new FailingSentWrites(orders, 2);
        List<Duration> pauses = new ArrayList<>();
        ReviewRequestSending retrying = new ReviewRequestSending(flaky, shops, suppressions, mailer,
                SendingFixtures.COMPOSER, ReviewRequestSending.DEFAULT_LEASE, pauses::add);

        SendOutcome outcome = retrying.send(KEY, NOW);

        assertThat(outcome.result()).isEqualTo(Result.SENT);
        assertThat(flaky.failed).isEqualTo(2);
        assertThat(pauses).hasSize(2);
        assertThat(orders.find(KEY).orElseThrow().status()).isEqualTo(OrderStatus.SENT);
        assertThat(mailer.sent).hasSize(1);
    }

    @Test
    @DisplayName("a SENT write that never succeeds leaves the claim for the send event: still one email")
    void sentWriteLostIsSettledByTheSendEvent() {
        FailingSentWrites broken = new FailingSentWrites(orders, Integer.MAX_VALUE);
        ReviewRequestSending retrying = new ReviewRequestSending(broken, shops, suppressions, mailer,
                SendingFixtures.COMPOSER, ReviewRequestSending.DEFAULT_LEASE, d -> { });

        SendOutcome outcome = retrying.send(KEY, NOW);

        assertThat(outcome.result()).isEqualTo(Result.SENT_UNRECORDED);
        assertThat(broken.failed).isEqualTo(ReviewRequestSending.SENT_WRITE_BACKOFF.size() + 1);
        assertThat(orders.find(KEY).orElseThrow().status()).isEqualTo(OrderStatus.SENDING);
        assertThat(retrying.send(KEY, NOW.plusSeconds(60)).result()).isEqualTo(Result.IN_PROGRESS);
        new SendConfirmation(orders).confirm(KEY, outcome.messageId(), NOW.plusSeconds(5));
        assertThat(sending.send(KEY, NOW.plus(Duration.ofHours(1))).result()).isEqualTo(Result.ALREADY_SENT);
        assertThat(mailer.sent).hasSize(1);
    }

    @Test
    @DisplayName("a mail set-up error holds the order (not FAILED), and it is sent once the set-up is fixed")
    void setupErrorHoldsTheOrder() {
        mailer.script.add(() -> {
            throw new MailSetupFailure("the mail set-up needs attention: AccessDeniedException", null);
        });

        SendOutcome held = sending.send(KEY, NOW);

        assertThat(held.result()).isEqualTo(Result.HELD);
        Order stored = orders.find(KEY).orElseThrow();
        assertThat(stored.status()).isEqualTo(OrderStatus.SCHEDULED);
        assertThat(stored.leaseUntil()).isNull();
        assertThat(stored.statusReason()).contains("held", "AccessDeniedException");
        assertThat(stored.dueAt()).as("due for the sweep, which schedules it again").isPresent();

        assertThat(sending.send(KEY, NOW.plus(Duration.ofHours(12))).result()).isEqualTo(Result.SENT);
        assertThat(mailer.sent).hasSize(1);
        assertThat(mailer.attempts).isEqualTo(2);
        assertThat(orders.find(KEY).orElseThrow().status()).isEqualTo(OrderStatus.SENT);
    }

    @Test
    @DisplayName("an unknown order is reported, not an error")
    void unknownOrder() {
        assertThat(sending.send(new OrderKey(SHOP, "404"), NOW).result()).isEqualTo(Result.NOT_FOUND);
    }

    /** Records what it sends; a script of outcomes plays before the default "accepted". */
    private static final class ScriptedMailer implements Mailer {
        final List<ReviewRequestEmail> sent = new ArrayList<>();
        final Deque<Supplier<String>> script = new ArrayDeque<>();
        int attempts;

        @Override
        public synchronized String send(ReviewRequestEmail email) {
            attempts++;
            String id = script.isEmpty() ? "msg-" + (sent.size() + 1) : script.poll().get();
            sent.add(email);
            return id;
        }
    }

    /** The order store, except that a write to SENT fails (as a throttled or timed-out DynamoDB call) the first {@code n} times. */
    private static final class FailingSentWrites implements dev.doorstep.core.port.OrderStore {
        private final InMemoryOrderStore orders;
        private final int failures;
        int failed;

        FailingSentWrites(InMemoryOrderStore orders, int failures) {
            this.orders = orders;
            this.failures = failures;
        }

        @Override
        public Order update(Order current, Order next) {
            if (next.status() == OrderStatus.SENT && failed < failures) {
                failed++;
                throw new IllegalStateException("ProvisionedThroughputExceededException (injected)");
            }
            return orders.update(current, next);
        }

        @Override
        public boolean insert(Order order) {
            return orders.insert(order);
        }

        @Override
        public java.util.Optional<Order> find(OrderKey key) {
            return orders.find(key);
        }

        @Override
        public List<Order> dueBy(Instant now, int limit) {
            return orders.dueBy(now, limit);
        }

        @Override
        public java.util.Optional<Instant> oldestWaitingFulfilledAt() {
            return orders.oldestWaitingFulfilledAt();
        }

        @Override
        public dev.doorstep.core.port.Page<Order> ordersOf(String shop, String cursor, int limit) {
            return orders.ordersOf(shop, cursor, limit);
        }

        @Override
        public void delete(OrderKey key) {
            orders.delete(key);
        }
    }
}
