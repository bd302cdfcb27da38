package dev.doorstep.poller;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import dev.doorstep.aftership.AfterShipClient;
import dev.doorstep.aftership.AfterShipConfig;
import dev.doorstep.aftership.AfterShipTrackingService;
import dev.doorstep.aftership.ApiKey;
import dev.doorstep.aftership.CarrierSlugs;
import dev.doorstep.aftership.sandbox.AfterShipSandbox;
import dev.doorstep.core.model.Customer;
import dev.doorstep.core.model.Fulfillment;
import dev.doorstep.core.model.Order;
import dev.doorstep.core.model.OrderKey;
import dev.doorstep.core.model.OrderStatus;
import dev.doorstep.core.model.Shop;
import dev.doorstep.core.model.ShopSettings;
import dev.doorstep.core.planning.ReviewRequestPlanner;
import dev.doorstep.core.timing.FulfillmentTimingCause;
import dev.doorstep.core.timing.TimingBasis;
import dev.doorstep.core.timing.TimingPolicy;
import dev.doorstep.core.timing.TimingReason;
import dev.doorstep.core.tracking.TrackingCreation;
import dev.doorstep.emulator.WithAwsEmulator;
import dev.doorstep.scheduling.EventBridgeOrderWakeUps;
import dev.doorstep.scheduling.EventBridgeReviewScheduler;
import dev.doorstep.scheduling.ReviewSenderTarget;
import dev.doorstep.scheduling.ScheduleNames;
import dev.doorstep.scheduling.WakeUpTarget;
import dev.doorstep.store.DoorstepTable;
import dev.doorstep.store.DynamoDbOrderStore;
import dev.doorstep.store.DynamoDbShopStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.scheduler.model.GetScheduleResponse;
import software.amazon.awssdk.services.scheduler.model.ResourceNotFoundException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The status page never names a time the system does not keep. Every status whose reason names a time
 * (a tracking retry, a parked retry) and every "Will send" time is followed to the event it promises, over
 * the wire: DynamoDB, SQS and EventBridge Scheduler in the emulator, AfterShip in the sandbox. The emulator
 * stores schedules but does not fire them, so {@link #fire} does what Scheduler does at the schedule's
 * at() time: it puts the target input on the target queue; the worker then runs with the clock at that time.
 */
@WithAwsEmulator
class PromisedTimesTest {

    static final AfterShipSandbox SANDBOX = AfterShipSandbox.start();
    static final Instant FULFILLED = Instant.parse("2026-03-02T10:00:00Z");
    static final String ROLE = "arn:aws:iam::123456789012:role/doorstep-scheduler";
    static final String DLQ = "arn:aws:sqs:us-east-1:123456789012:doorstep-schedule-dlq";
    static final String SENDER = "arn:aws:lambda:us-east-1:123456789012:function:review-sender";
    static final Pattern NAMED_TIME = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T[0-9:.]+Z");
    static final TimingPolicy POLICY = new TimingPolicy();

    final MovableClock clock = new MovableClock(FULFILLED);
    final DynamoDbShopStore shops;
    final DynamoDbOrderStore orders;
    final SqsClient sqs;
    final SchedulerClient scheduler;
    final String queueUrl;
    final String group = "doorstep-" + UUID.randomUUID();
    final String shop = "shop-" + UUID.randomUUID().toString().substring(0, 8) + ".myshopify.com";
    final PollerWiring wiring;
    final TrackingCreation creation;
    final ShopSettings settings;

    PromisedTimesTest(DynamoDbClient dynamo, SqsClient sqs, SchedulerClient scheduler) {
        String table = "promised-" + UUID.randomUUID();
        DoorstepTable.create(dynamo, table);
        shops = new DynamoDbShopStore(dynamo, table);
        orders = new DynamoDbOrderStore(dynamo, table);
        this.sqs = sqs;
        this.scheduler = scheduler;
        SANDBOX.reset();
        queueUrl = sqs.createQueue(b -> b.queueName("poll-" + UUID.randomUUID())).queueUrl();
        String queueArn = sqs.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        scheduler.createScheduleGroup(b -> b.name(group));
        settings = ShopSettings.defaults(shop).toBuilder().shopCountry("US").aftershipEnabled(true).build();
        shops.save(Shop.installed(settings));
        AfterShipTrackingService aftership = new AfterShipTrackingService(new AfterShipClient(
                AfterShipConfig.defaults(SANDBOX.baseUrl()).withTimeouts(Duration.ofSeconds(2), Duration.ofMillis(20))
                        .withAttempts(1, 2)), s -> Optional.of(new ApiKey(apiKey(s))), CarrierSlugs.standard());
        var wakeUps = new EventBridgeOrderWakeUps(scheduler, new WakeUpTarget(group, queueArn, ROLE, DLQ), clock);
        var sends = new EventBridgeReviewScheduler(scheduler, new ReviewSenderTarget(group, SENDER, ROLE, DLQ), clock);
        wiring = new PollerWiring(shops, orders, aftership, sends, wakeUps);
        creation = new TrackingCreation(orders, shops, aftership, new ReviewRequestPlanner(POLICY, orders, sends),
                POLICY, wakeUps);
    }

    @AfterAll
    static void stop() {
        SANDBOX.close();
    }

    @Test
    void aFailedCreationIsRetriedAtTheTimeItsStatusNamesAndKeepsAfterShipsReason() {
        OrderKey key = creating("2001", "1ZNOTADDED0001");
        Instant first = FULFILLED.plus(Duration.ofMinutes(2));

        at(first);
        creation.attempt(key, first, false);

        Order retry = stored(key);
        assertThat(retry.status()).isEqualTo(OrderStatus.TRACKING_RETRY);
        Instant promised = namedTime(retry.statusReason());
        assertThat(promised).isEqualTo(first.plus(Duration.ofHours(12)));
        assertThat(retry.statusReason()).contains("one more try at " + promised);
        assertThat(creates()).hasSize(1);

        Instant fired = fire(key);

        assertThat(fired).isBetween(promised, promised.plus(Duration.ofMinutes(1)));
        assertThat(creates()).hasSize(2);
        Order given = stored(key);
        assertThat(given.history().getLast().at()).isEqualTo(fired);
        assertThat(given.status()).isEqualTo(OrderStatus.SCHEDULED);
        assertThat(given.statusReason())
                .contains("AfterShip could not create a tracking after two attempts")
                .contains("courier is not added in AfterShip (Settings > Couriers)");
        assertThat(given.trackingFailure()).isEqualTo("COURIER_NOT_ENABLED");
        // the send time is the timing policy's, to the minute, and its schedule says that time
        Instant expected = POLICY.decide(settings, given.fulfillment(),
                new TimingBasis.FromFulfillment(FulfillmentTimingCause.TRACKING_CREATION_FAILED), fired).sendAt();
        assertThat(given.sendAt()).isEqualTo(expected);
        assertThat(given.sendReason()).isEqualTo(TimingReason.FULFILLMENT_BASED);
        assertThat(sendScheduledAt(key, settings.timeZone())).isBetween(expected, expected.plus(Duration.ofMinutes(1)));
    }

    @Test
    void aParkedCreationIsTriedAgainAtTheTimeItsStatusNames() {
        OrderKey key = creating("2002", "1ZPARKED0002");
        Instant first = FULFILLED.plus(Duration.ofMinutes(3));
        SANDBOX.failNext(apiKey(shop), 503, 1);

        at(first);
        creation.attempt(key, first, false);

        Order parked = stored(key);
        assertThat(parked.status()).isEqualTo(OrderStatus.TRACKING_RETRY);
        Instant promised = namedTime(parked.statusReason());
        assertThat(promised).isEqualTo(first.plus(TrackingCreation.PARK_DELAY));

        Instant fired = fire(key);

        assertThat(fired).isBetween(promised, promised.plus(Duration.ofMinutes(1)));
        assertThat(creates()).hasSize(2);
        Order tracked = stored(key);
        assertThat(tracked.history().getLast().at()).isEqualTo(fired);
        assertThat(tracked.status()).isEqualTo(OrderStatus.WAITING_FOR_DELIVERY);
        assertThat(tracked.trackingAttempts()).isEqualTo(1);
    }

    @Test
    void theFallbackGoesOutWithinAMinuteOfItsDeadlineWithoutWaitingForTtlOrTheNextSweep() {
        OrderKey soon = waiting("2003", FULFILLED);
        OrderKey later = waiting("2004", FULFILLED.plus(Duration.ofDays(1)));
        Instant deadline = FULFILLED.plus(Duration.ofDays(settings.fallbackDays()));
        // the last sweep before the deadline: 11 h 59 min before it (the next comes after the deadline)
        Instant sweepAt = deadline.minus(Duration.ofHours(11)).minus(Duration.ofMinutes(59));

        at(sweepAt);
        var swept = wiring.sweep().sweep(sweepAt, () -> true);

        assertThat(swept.wakeUpsSet()).isEqualTo(1);
        assertThat(wakeUp(later)).isNull(); // a day later: the next sweep sets it
        assertThat(stored(soon).status()).isEqualTo(OrderStatus.WAITING_FOR_DELIVERY);

        Instant fired = fire(soon);

        // woken a little ahead, so that the request itself is scheduled for the deadline, to the second
        assertThat(fired).isBetween(deadline.minus(Duration.ofMinutes(2)), deadline);
        Order sent = stored(soon);
        assertThat(sent.status()).isEqualTo(OrderStatus.SCHEDULED);
        assertThat(sent.sendReason()).isEqualTo(TimingReason.FALLBACK);
        assertThat(sent.sendAt()).isEqualTo(deadline);
        assertThat(sendScheduledAt(soon, settings.timeZone())).isEqualTo(deadline);
    }

    @Test
    void aWakeUpForAnOrderThatMovedOnChangesNothing() {
        OrderKey key = creating("2005", "1ZNOTADDED0005");
        Instant first = FULFILLED.plus(Duration.ofMinutes(2));
        at(first);
        creation.attempt(key, first, false);
        // cancelled meanwhile
        Order retry = stored(key);
        orders.update(retry, retry.moveTo(OrderStatus.CANCELLED, "order cancelled in Shopify", first.plusSeconds(60)));

        fire(key);

        assertThat(creates()).hasSize(1);
        assertThat(stored(key).status()).isEqualTo(OrderStatus.CANCELLED);
    }

    // --- helpers ---

    static String apiKey(String shop) {
        return "key-" + shop;
    }

    OrderKey creating(String orderId, String number) {
        OrderKey key = new OrderKey(shop, orderId);
        orders.insert(received(key, number, FULFILLED).moveTo(OrderStatus.CREATING_TRACKING, "trackable", FULFILLED));
        return key;
    }

    OrderKey waiting(String orderId, Instant fulfilledAt) {
        OrderKey key = new OrderKey(shop, orderId);
        orders.insert(received(key, "1ZTRANSIT" + orderId, fulfilledAt).toBuilder().trackingId("t-" + orderId)
                .trackingAttempts(1).fallbackDeadline(fulfilledAt.plus(Duration.ofDays(settings.fallbackDays())))
                .build()
                .moveTo(OrderStatus.CREATING_TRACKING, "trackable", fulfilledAt)
                .moveTo(OrderStatus.WAITING_FOR_DELIVERY, "AfterShip tracking created", fulfilledAt));
        return key;
    }

    static Order received(OrderKey key, String number, Instant fulfilledAt) {
        return Order.received(key, "#" + key.orderId(), new Fulfillment("f-" + key.orderId(), fulfilledAt, number,
                "UPS", "US"), new Customer("c1", "Ada", "ada@example.com", null), List.of(), fulfilledAt);
    }

    Order stored(OrderKey key) {
        return orders.find(key).orElseThrow();
    }

    void at(Instant now) {
        clock.set(now);
        SANDBOX.clock(now);
    }

    List<dev.doorstep.aftership.sandbox.RecordedRequest> creates() {
        return SANDBOX.requests(apiKey(shop)).stream()
                .filter(r -> r.method().equals("POST") && r.path().endsWith("/trackings")).toList();
    }

    static Instant namedTime(String reason) {
        Matcher m = NAMED_TIME.matcher(reason);
        assertThat(m.find()).as("a time in \"%s\"", reason).isTrue();
        return Instant.parse(m.group());
    }

    GetScheduleResponse wakeUp(OrderKey key) {
        try {
            return scheduler.getSchedule(b -> b.groupName(group).name(ScheduleNames.wakeUpOf(key)));
        } catch (ResourceNotFoundException e) {
            return null;
        }
    }

    /** What Scheduler does at the wake-up's time: its input onto its queue (then deleted); the worker runs then. */
    Instant fire(OrderKey key) {
        GetScheduleResponse s = wakeUp(key);
        assertThat(s).as("a wake-up for %s", key).isNotNull();
        assertThat(s.target().roleArn()).isEqualTo(ROLE);
        Instant at = atTime(s.scheduleExpression(), ZoneId.of(s.scheduleExpressionTimezone()));
        scheduler.deleteSchedule(b -> b.groupName(group).name(s.name()));
        at(at);
        sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(s.target().input()));
        List<Message> messages = sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10)).messages();
        assertThat(messages).hasSize(1);
        SQSBatchResponse response = new ShopPollWorker(wiring.shopPoll(), wiring.sweep(), clock)
                .handleRequest(DeliveryPollTest.asEvent(messages), null);
        assertThat(response.getBatchItemFailures()).isEmpty();
        sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(messages.getFirst().receiptHandle()));
        return at;
    }

    Instant sendScheduledAt(OrderKey key, ZoneId zone) {
        GetScheduleResponse s = scheduler.getSchedule(b -> b.groupName(group).name(ScheduleNames.of(key)));
        return atTime(s.scheduleExpression(), ZoneId.of(s.scheduleExpressionTimezone()));
    }

    static Instant atTime(String expression, ZoneId zone) {
        String local = expression.substring("at(".length(), expression.length() - 1);
        return LocalDateTime.parse(local).atZone(zone).toInstant();
    }

    /** A clock the test moves. */
    static final class MovableClock extends Clock {
        private volatile Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        void set(Instant at) {
            now = at;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
