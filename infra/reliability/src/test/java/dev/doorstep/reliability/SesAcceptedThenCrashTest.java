package dev.doorstep.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SNSEvent;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.doorstep.core.delivery.FallbackDeadlines;
import dev.doorstep.core.model.Customer;
import dev.doorstep.core.model.Fulfillment;
import dev.doorstep.core.model.LineItem;
import dev.doorstep.core.model.Order;
import dev.doorstep.core.model.OrderKey;
import dev.doorstep.core.model.OrderStatus;
import dev.doorstep.core.model.Shop;
import dev.doorstep.core.model.ShopSettings;
import dev.doorstep.core.planning.ReviewRequestPlanner;
import dev.doorstep.core.polling.DueWorkSweep;
import dev.doorstep.core.sending.MailOutcomeUnknownException;
import dev.doorstep.core.sending.Mailer;
import dev.doorstep.core.sending.ReviewRequestComposer;
import dev.doorstep.core.sending.ReviewRequestSending;
import dev.doorstep.core.sending.SendConfirmation;
import dev.doorstep.core.sending.UnsubscribeTokens;
import dev.doorstep.core.timing.SendDecision;
import dev.doorstep.core.timing.TimingPolicy;
import dev.doorstep.core.timing.TimingReason;
import dev.doorstep.core.tracking.TrackingCreation;
import dev.doorstep.core.tracking.TrackingService;
import dev.doorstep.emulator.AwsEmulator;
import dev.doorstep.emulator.SentEmail;
import dev.doorstep.emulator.WithAwsEmulator;
import dev.doorstep.lambda.Json;
import dev.doorstep.lambda.JsonText;
import dev.doorstep.mail.MessageTags;
import dev.doorstep.mail.SesMailer;
import dev.doorstep.reliability.SentWriteFaults.Fault;
import dev.doorstep.scheduling.EventBridgeReviewScheduler;
import dev.doorstep.scheduling.ReviewSenderTarget;
import dev.doorstep.sending.DynamoDbSuppressionList;
import dev.doorstep.sending.ReviewSenderFunction;
import dev.doorstep.sending.SesFeedbackFunction;
import dev.doorstep.store.DoorstepTable;
import dev.doorstep.store.DynamoDbOrderStore;
import dev.doorstep.store.DynamoDbShopStore;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.scheduler.model.ScheduleSummary;
import software.amazon.awssdk.services.sesv2.SesV2Client;

/**
 * SES accepted the review request, and then recording it failed: the SENT write throttled, its
 * answer lost, failing every time, or the function timing out in the middle of it; or SES's own
 * answer lost after it accepted. Then AWS does what it does: Lambda retries the failed invocation
 * (about 1 and 3 minutes later), SES's send events arrive through SNS at SesFeedbackFunction (some
 * within the 5-minute lease, some after it ended), and 45 minutes later the due-work sweep re-arms
 * whatever is still SENDING and its schedule fires the sender. Counted from the emulator's sent mail:
 * every order gets exactly one email and ends SENT. CI injects 120 faults; the on-demand run 1,200.
 */
@WithAwsEmulator
class SesAcceptedThenCrashTest {

    static final String SHOP = "crash-after-ses.myshopify.com";
    static final Instant START = Instant.parse("2026-03-15T09:00:00Z");
    static final String FROM = "reviews@doorstep.example";

    private final AwsEmulator emulator;
    private final DynamoDbClient dynamo;
    private final SchedulerClient schedulerClient;
    private final SesV2Client ses;

    SesAcceptedThenCrashTest(AwsEmulator emulator, DynamoDbClient dynamo, SchedulerClient schedulerClient,
            SesV2Client ses) {
        this.emulator = emulator;
        this.dynamo = dynamo;
        this.schedulerClient = schedulerClient;
        this.ses = ses;
    }

    @Test
    void oneEmailPerOrderWhateverFailsAfterSesAccepted() {
        assertThat(run(120, true)).as("orders without exactly one email, or not SENT").isEmpty();
    }

    @Test
    @Tag("on-demand")
    void oneEmailPerOrderInOver1000InjectedFaults() {
        assertThat(run(1_200, true)).as("orders without exactly one email, or not SENT").isEmpty();
    }

    /**
     * The control: with no send events (the configuration set as it was, bounce/complaint/reject only)
     * every fault the retried SENT write cannot cover sends a second email; the ones it covers do not.
     */
    @Test
    void withoutSendEventsOnlyTheRetriedWriteKeepsItToOne() {
        List<String> notOne = run(24, false);

        // 24 orders, 4 per fault: the 4 faults the retry cannot cover each send a second email.
        assertThat(notOne).hasSize(16).allMatch(line -> line.contains("2 emails"))
                .noneMatch(line -> line.contains(" " + Fault.THROTTLED_TWICE + ":")
                        || line.contains(" " + Fault.ANSWER_LOST + ":"));
    }

    /** @return a line for every order that did not end SENT with exactly one email */
    private List<String> run(int faults, boolean sendEvents) {
        long started = System.nanoTime();
        World w = new World();
        List<OrderKey> keys = new ArrayList<>();
        Map<Fault, Integer> perFault = new EnumMap<>(Fault.class);
        Map<OrderKey, Fault> faultOf = new java.util.HashMap<>();
        String prefix = String.valueOf(8_000_000_000L + (System.nanoTime() % 1_000_000_000L));
        for (int i = 0; i < faults; i++) {
            Fault fault = Fault.values()[i % Fault.values().length];
            OrderKey key = new OrderKey(SHOP, prefix + String.format("%05d", i));
            w.orders.insert(scheduled(key));
            w.faults.arm(key, fault);
            perFault.merge(fault, 1, Integer::sum);
            faultOf.put(key, fault);
            keys.add(key);
        }

        // The schedules fire: each order's first invocation meets its fault.
        for (OrderKey key : keys) {
            w.invokeWithLambdaRetries(key, 0);
            w.faults.disarm(key);
        }
        // SES's send events: half arrive within the lease, half after it ended (but inside the take-over grace).
        w.clock.advance(Duration.ofMinutes(4));
        if (sendEvents) {
            w.deliverSendEvents(keys.subList(0, keys.size() / 2));
        }
        w.clock.advance(Duration.ofMinutes(16));
        if (sendEvents) {
            w.deliverSendEvents(keys.subList(keys.size() / 2, keys.size()));
        }
        // The sweep runs later and re-arms whatever is still SENDING; its schedules fire the sender.
        w.clock.advance(Duration.ofMinutes(45));
        w.sweep.sweep(w.clock.instant(), () -> true);
        int fired = w.fireSchedules();

        Map<String, Long> emails = w.emailsPerRecipient();
        List<String> notOne = new ArrayList<>();
        for (OrderKey key : keys) {
            long count = emails.getOrDefault(customer(key), 0L);
            Order order = w.orders.find(key).orElseThrow();
            if (count != 1 || order.status() != OrderStatus.SENT) {
                notOne.add(key.orderId() + " " + faultOf.get(key) + ": " + count + " emails, " + order.status());
            }
        }
        System.out.printf("SES accepted, then a fault (send events %s): %d orders (%s), %d injected failures of"
                        + " the SENT write, %d schedules re-armed and fired, %d orders without exactly one email, %d ms%n",
                sendEvents ? "on" : "off", keys.size(), perFault, w.faults.injected.get(), fired, notOne.size(),
                (System.nanoTime() - started) / 1_000_000);
        notOne.stream().limit(10).forEach(System.out::println);
        return notOne;
    }

    private static String customer(OrderKey key) {
        return "buyer-" + key.orderId() + "@example.com";
    }

    private static Order scheduled(OrderKey key) {
        Instant fulfilled = START.minus(Duration.ofDays(10));
        return Order.received(key, "#" + key.orderId(), new Fulfillment("f-" + key.orderId(), fulfilled, null, null,
                                "US"), new Customer("c-" + key.orderId(), null, customer(key), null),
                        List.of(new LineItem("p1", "Green Tea")), fulfilled)
                .schedule(new SendDecision(START, TimingReason.FULFILLMENT_BASED, START, false, "after fulfillment"),
                        fulfilled);
    }

    /** One table and schedule group, with the sender, the feedback handler and the sweep wired as deployed. */
    private final class World {
        final MovableClock clock = new MovableClock(START);
        final String group = "review-requests-" + UUID.randomUUID();
        final DynamoDbOrderStore orders;
        final SentWriteFaults faults;
        final ReviewSenderFunction sender;
        final SesFeedbackFunction feedback;
        final DueWorkSweep sweep;

        World() {
            String table = "doorstep-" + UUID.randomUUID();
            DoorstepTable.create(dynamo, table);
            schedulerClient.createScheduleGroup(b -> b.name(group));
            ses.createEmailIdentity(b -> b.emailIdentity(FROM));
            orders = new DynamoDbOrderStore(dynamo, table);
            DynamoDbShopStore shops = new DynamoDbShopStore(dynamo, table);
            shops.save(Shop.installed(ShopSettings.defaults(SHOP)));
            DynamoDbSuppressionList suppressions = new DynamoDbSuppressionList(dynamo, table);
            faults = new SentWriteFaults(orders);
            SesMailer sesMailer = new SesMailer(ses, FROM, null, clock);
            Mailer mailer = email -> {
                String id = sesMailer.send(email);
                if (faults.armedWith(email.order()).orElse(null) == Fault.SES_ANSWER_LOST) {
                    throw new MailOutcomeUnknownException("the mail service failed: InternalFailure (injected after"
                            + " it accepted)", null);
                }
                return id;
            };
            UnsubscribeTokens tokens = new UnsubscribeTokens(
                    "a test secret that is long enough to sign with".getBytes(StandardCharsets.UTF_8));
            ReviewRequestComposer composer = new ReviewRequestComposer(tokens,
                    URI.create("https://api.doorstep.example/unsubscribe"), null);
            // The pause between tries of the SENT write does not wait: the clock here is the test's.
            sender = new ReviewSenderFunction(new ReviewRequestSending(faults, shops, suppressions, mailer, composer,
                    ReviewRequestSending.DEFAULT_LEASE, d -> { }), clock);
            feedback = new SesFeedbackFunction(suppressions, tokens.digester(), new SendConfirmation(orders), clock);
            var scheduler = new EventBridgeReviewScheduler(schedulerClient, new ReviewSenderTarget(group,
                    "arn:aws:lambda:us-east-1:123456789012:function:review-sender",
                    "arn:aws:iam::123456789012:role/doorstep-scheduler",
                    "arn:aws:sqs:us-east-1:123456789012:doorstep-schedule-dlq"), clock);
            TimingPolicy policy = new TimingPolicy();
            ReviewRequestPlanner planner = new ReviewRequestPlanner(policy, orders, scheduler);
            sweep = new DueWorkSweep(orders, shops, new TrackingCreation(orders, shops, NO_TRACKING, planner, policy),
                    new FallbackDeadlines(orders, shops, planner), planner, scheduler);
        }

        /** Lambda's asynchronous invocation: the event, then up to 2 retries about 1 and 3 minutes later. */
        void invokeWithLambdaRetries(OrderKey key, int retry) {
            Map<String, Object> payload = Map.of("shop", key.shop(), "orderId", key.orderId(), "sendAt",
                    START.toString());
            Instant first = clock.instant();
            Duration[] retryAfter = {Duration.ZERO, Duration.ofMinutes(1), Duration.ofMinutes(3)};
            for (int attempt = retry; attempt < retryAfter.length; attempt++) {
                try {
                    clock.set(first.plus(retryAfter[attempt]));
                    sender.handleRequest(payload, null);
                    break;
                } catch (RuntimeException | SentWriteFaults.FunctionTimedOut e) {
                    faults.disarm(key); // the fault hit one attempt; Lambda retries the event
                }
            }
            clock.set(first);
        }

        /** What SNS hands SesFeedbackFunction for SES's Send event of each email to these orders. */
        void deliverSendEvents(List<OrderKey> keys) {
            Map<String, List<SentEmail>> byRecipient = sentToBuyers();
            for (OrderKey key : keys) {
                for (SentEmail mail : byRecipient.getOrDefault(customer(key), List.of())) {
                    feedback.handleRequest(sendEvent(key, mail.messageId()), null);
                }
            }
        }

        private SNSEvent sendEvent(OrderKey key, String messageId) {
            String message = JsonText.of(Map.of("eventType", "Send", "mail", Map.of(
                    "timestamp", clock.instant().toString(), "messageId", messageId,
                    "tags", Map.of(MessageTags.SHOP, List.of(MessageTags.encode(key.shop())),
                            MessageTags.ORDER, List.of(MessageTags.encode(key.orderId())))), "send", Map.of()));
            SNSEvent.SNS sns = new SNSEvent.SNS().withMessage(message).withType("Notification");
            return new SNSEvent().withRecords(List.of(new SNSEvent.SNSRecord().withSns(sns)));
        }

        /** Scheduler fires each schedule of the group once (moto never does), then deletes it. */
        int fireSchedules() {
            int fired = 0;
            for (ScheduleSummary s : schedulerClient.listSchedulesPaginator(b -> b.groupName(group)).schedules()) {
                String input = schedulerClient.getSchedule(b -> b.groupName(group).name(s.name())).target().input();
                Map<String, Object> payload = payload(input);
                sender.handleRequest(payload, null);
                schedulerClient.deleteSchedule(b -> b.groupName(group).name(s.name()));
                fired++;
            }
            return fired;
        }

        Map<String, Long> emailsPerRecipient() {
            return sentToBuyers().entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> (long) e.getValue().size()));
        }

        private Map<String, List<SentEmail>> sentToBuyers() {
            return emulator.sentEmails().all().stream().filter(m -> !m.to().isEmpty())
                    .collect(Collectors.groupingBy(m -> m.to().getFirst().toLowerCase(java.util.Locale.ROOT)));
        }
    }

    private static Map<String, Object> payload(String input) {
        try {
            return Json.MAPPER.readValue(input, new TypeReference<>() { });
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** These orders have no tracking: the sweep never asks AfterShip. */
    private static final TrackingService NO_TRACKING = new TrackingService() {
        @Override
        public dev.doorstep.core.tracking.TrackingCreated create(dev.doorstep.core.tracking.TrackingRequest r) {
            throw new AssertionError("no tracking in this test");
        }

        @Override
        public dev.doorstep.core.port.Page<dev.doorstep.core.tracking.TrackedShipment> changed(String shop,
                dev.doorstep.core.tracking.TrackingQuery query) {
            throw new AssertionError("no tracking in this test");
        }

        @Override
        public java.util.Optional<dev.doorstep.core.tracking.TrackedShipment> find(String shop, String id) {
            throw new AssertionError("no tracking in this test");
        }
    };
}
