package dev.doorstep.poller;

import dev.doorstep.core.memory.InMemoryReviewRequestScheduler;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import dev.doorstep.aftership.AfterShipClient;
import dev.doorstep.aftership.AfterShipConfig;
import dev.doorstep.aftership.AfterShipTrackingService;
import dev.doorstep.aftership.ApiKey;
import dev.doorstep.aftership.CarrierSlugs;
import dev.doorstep.aftership.sandbox.AfterShipSandbox;
import dev.doorstep.aftership.sandbox.Endpoint;
import dev.doorstep.aftership.sandbox.Script;
import dev.doorstep.core.model.Customer;
import dev.doorstep.core.model.Fulfillment;
import dev.doorstep.core.model.Order;
import dev.doorstep.core.model.OrderKey;
import dev.doorstep.core.model.OrderStatus;
import dev.doorstep.core.model.Shop;
import dev.doorstep.core.model.ShopSettings;
import dev.doorstep.core.port.Page;
import dev.doorstep.core.timing.TimingReason;
import dev.doorstep.core.tracking.TrackedShipment;
import dev.doorstep.core.tracking.TrackingCreated;
import dev.doorstep.core.tracking.TrackingQuery;
import dev.doorstep.core.tracking.TrackingRequest;
import dev.doorstep.core.tracking.TrackingService;
import dev.doorstep.emulator.ProjectRoot;
import dev.doorstep.emulator.WithAwsEmulator;
import dev.doorstep.store.DoorstepTable;
import dev.doorstep.store.DynamoDbOrderStore;
import dev.doorstep.store.DynamoDbShopStore;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.doorstep.lambda.Json;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The 12-hourly poll end to end over the wire: DynamoDB and SQS in the emulator, AfterShip in the
 * sandbox. The scheduler is recorded (its adapter has its own tests against the emulator).
 */
@WithAwsEmulator
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeliveryPollTest {

    static final AfterShipSandbox SANDBOX = AfterShipSandbox.start();
    /** The time in events/delivery-poller/scheduled.json. */
    static final Instant POLL_START = Instant.parse("2026-03-09T12:00:00Z");
    static final Instant FULFILLED = Instant.parse("2026-03-02T10:00:00Z");

    final DynamoDbClient dynamo;
    final SqsClient sqs;
    final String table = "poll-" + UUID.randomUUID();
    final DynamoDbShopStore shops;
    final DynamoDbOrderStore orders;
    InMemoryReviewRequestScheduler scheduler;

    DeliveryPollTest(DynamoDbClient dynamo, SqsClient sqs) {
        this.dynamo = dynamo;
        this.sqs = sqs;
        shops = new DynamoDbShopStore(dynamo, table);
        orders = new DynamoDbOrderStore(dynamo, table);
    }

    @AfterAll
    static void stop() {
        SANDBOX.close();
    }

    @BeforeEach
    void reset() {
        if (!dynamo.listTables().tableNames().contains(table)) {
            // here, not in the constructor: the emulator is reset after a per-class instance is made
            DoorstepTable.create(dynamo, table);
        }
        SANDBOX.reset();
        SANDBOX.clock(POLL_START.minus(Duration.ofMinutes(1)));
        scheduler = new InMemoryReviewRequestScheduler();
    }

    static String apiKey(String shop) {
        return "key-" + shop;
    }

    static AfterShipTrackingService aftership(int attempts) {
        AfterShipConfig config = AfterShipConfig.defaults(SANDBOX.baseUrl())
                .withTimeouts(Duration.ofSeconds(2), Duration.ofMillis(20)).withAttempts(attempts, 2);
        return new AfterShipTrackingService(new AfterShipClient(config),
                shop -> Optional.of(new ApiKey(apiKey(shop))), CarrierSlugs.standard());
    }

    PollerWiring wiring(TrackingService aftership) {
        return new PollerWiring(shops, orders, aftership, scheduler);
    }

    ShopPollWorker worker(TrackingService aftership, Instant now) {
        return new ShopPollWorker(wiring(aftership).shopPoll(), Clock.fixed(now, ZoneOffset.UTC));
    }

    String trackedShop() {
        String shop = "shop-" + UUID.randomUUID().toString().substring(0, 8) + ".myshopify.com";
        shops.save(Shop.installed(ShopSettings.defaults(shop).toBuilder().shopCountry("US").aftershipEnabled(true)
                .build()));
        return shop;
    }

    static Order received(OrderKey key, String number) {
        return Order.received(key, "#" + key.orderId(), new Fulfillment("f-" + key.orderId(), FULFILLED, number,
                "UPS", "US"), new Customer("c1", "Ada", "ada@example.com", null), List.of(), FULFILLED);
    }

    /** An order waiting for delivery, tracked in the sandbox under {@code number}. */
    OrderKey waiting(String shop, String orderId, String number) {
        OrderKey key = new OrderKey(shop, orderId);
        String trackingId = SandboxTrackings.create(SANDBOX, apiKey(shop), number, orderId);
        orders.insert(received(key, number).toBuilder().trackingId(trackingId).trackingAttempts(1)
                .fallbackDeadline(FULFILLED.plus(Duration.ofDays(60))).build()
                .moveTo(OrderStatus.CREATING_TRACKING, "trackable", FULFILLED)
                .moveTo(OrderStatus.WAITING_FOR_DELIVERY, "AfterShip tracking created", FULFILLED));
        return key;
    }

    Order stored(OrderKey key) {
        return orders.find(key).orElseThrow();
    }

    static String fixture(String name) throws IOException {
        return Files.readString(ProjectRoot.find().resolve("events/delivery-poller").resolve(name));
    }

    static InputStream fixtureStream(String name) throws IOException {
        return new ByteArrayInputStream(fixture(name).getBytes(StandardCharsets.UTF_8));
    }

    static <T> T event(String json, Class<T> type) {
        return LambdaEventSerializers.serializerFor(type, DeliveryPollTest.class.getClassLoader())
                .fromJson(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    }

    static SQSEvent asEvent(List<Message> messages) {
        SQSEvent event = new SQSEvent();
        event.setRecords(messages.stream().map(m -> {
            SQSEvent.SQSMessage record = new SQSEvent.SQSMessage();
            record.setMessageId(m.messageId());
            record.setBody(m.body());
            record.setEventSource("aws:sqs");
            return record;
        }).toList());
        return event;
    }

    @Test
    void aDeliveredParcelGoesFromTheScheduleThroughTheQueueToWillSend() throws IOException {
        String shop = trackedShop();
        Instant delivered = Instant.parse("2026-03-08T09:00:00Z");
        SANDBOX.script("1ZDELIVERED0001", Script.deliveredAt(delivered));
        OrderKey key = waiting(shop, "1001", "1ZDELIVERED0001");
        String queue = sqs.createQueue(b -> b.queueName("poll-" + UUID.randomUUID())).queueUrl();
        Instant now = POLL_START.plus(Duration.ofMinutes(2));
        var poller = new DeliveryPollerFunction(wiring(aftership(3)), sqs, queue, Clock.fixed(now, ZoneOffset.UTC));

        // The bytes Scheduler sends (its string "detail"), through the handler the runtime calls.
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        poller.handleRequest(fixtureStream("scheduled.json"), answer, null);
        Map<String, Object> summary = Json.MAPPER.readValue(answer.toByteArray(), new TypeReference<>() { });

        assertThat(summary).containsEntry("pollStart", POLL_START.toString());
        List<Message> queued = sqs.receiveMessage(b -> b.queueUrl(queue).maxNumberOfMessages(10)).messages();
        assertThat(queued).extracting(Message::body).contains(new ShopPollMessage(shop, POLL_START).toJson());

        SQSBatchResponse response = worker(aftership(3), now).handleRequest(asEvent(queued), null);

        assertThat(response.getBatchItemFailures()).isEmpty();
        Order order = stored(key);
        assertThat(order.status()).isEqualTo(OrderStatus.SCHEDULED);
        assertThat(order.status().label()).isEqualTo("Will send");
        assertThat(order.deliveredAt()).isEqualTo(delivered);
        assertThat(order.sendAt()).isEqualTo(delivered.plus(Duration.ofDays(3)));
        assertThat(scheduler.schedules()).containsEntry(key, delivered.plus(Duration.ofDays(3)));
        assertThat(shops.find(shop).orElseThrow().lastPolledAt()).isEqualTo(POLL_START);
        // AfterShip was asked once, for changes up to the cycle's start
        assertThat(SANDBOX.requests(apiKey(shop))).filteredOn(r -> r.method().equals("GET")).singleElement()
                .satisfies(r -> assertThat(r.query()).contains("updated_at_max=2026-03-09T12%3A00%3A00Z"));
    }

    @Test
    void expiredTrackingsUseTheirDeliveryScanOrElseFulfillmentTiming() throws IOException {
        String shop = trackedShop();
        OrderKey withScan = waiting(shop, "2001", "1ZEXPIREDDELIVEREDA");
        OrderKey withoutScan = waiting(shop, "2002", "1ZEXPIRED02");
        String message = fixture("shop-poll.json").replace("acme-tea.myshopify.com", shop);

        SQSBatchResponse response = worker(aftership(3), POLL_START.plusSeconds(60))
                .handleRequest(event(message, SQSEvent.class), null);

        assertThat(response.getBatchItemFailures()).isEmpty();
        Instant scan = POLL_START.minus(Duration.ofMinutes(1)).plus(Duration.ofDays(3)); // the sandbox's scan
        assertThat(stored(withScan).status()).isEqualTo(OrderStatus.SCHEDULED);
        assertThat(stored(withScan).deliveredAt()).isEqualTo(scan);
        assertThat(stored(withScan).sendReason()).isEqualTo(TimingReason.DELIVERY_BASED);
        assertThat(stored(withoutScan).status()).isEqualTo(OrderStatus.SCHEDULED);
        assertThat(stored(withoutScan).sendReason()).isEqualTo(TimingReason.FULFILLMENT_BASED);
        // fulfilled + 7 days has passed: send now
        assertThat(stored(withoutScan).sendAt()).isEqualTo(POLL_START.plusSeconds(60));
    }

    @Test
    void aPollKilledOnPageTwoIsRetriedAndConverges() {
        String shop = trackedShop();
        SANDBOX.rateLimit(apiKey(shop), Endpoint.CREATE_TRACKING, 10_000);
        // a full page of parcels still on their way (no reads, no writes), and five delivered ones,
        // all changed at the same moment, so the delivered ones fall on either page
        for (int i = 0; i < AfterShipTrackingService.PAGE_SIZE; i++) {
            SandboxTrackings.create(SANDBOX, apiKey(shop), "1ZTRANSIT" + i, "other-" + i);
        }
        List<OrderKey> delivered = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String number = "1ZPAGE" + i;
            SANDBOX.script(number, Script.deliveredAfterPolls(1));
            delivered.add(waiting(shop, Integer.toString(3000 + i), number));
        }
        // AfterShip answers 503 to page 2 for as long as the client retries
        AfterShipTrackingService real = aftership(2);
        AtomicInteger pages = new AtomicInteger();
        TrackingService dyingOnPageTwo = new TrackingService() {
            @Override
            public TrackingCreated create(TrackingRequest request) {
                return real.create(request);
            }

            @Override
            public Page<TrackedShipment> changed(String s, TrackingQuery query) {
                if (pages.incrementAndGet() == 2) {
                    SANDBOX.failNext(apiKey(s), 503, 2);
                }
                return real.changed(s, query);
            }

            @Override
            public Optional<TrackedShipment> find(String s, String trackingId) {
                return real.find(s, trackingId);
            }
        };
        SQSEvent message = asEvent(List.of(Message.builder().messageId("m-1")
                .body(new ShopPollMessage(shop, POLL_START).toJson()).build()));
        Instant now = POLL_START.plusSeconds(60);

        SQSBatchResponse killed = worker(dyingOnPageTwo, now).handleRequest(message, null);

        assertThat(pages).hasValue(2);
        assertThat(killed.getBatchItemFailures()).extracting(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                .containsExactly("m-1");
        assertThat(shops.find(shop).orElseThrow().lastPolledAt()).isNull();

        SQSBatchResponse again = worker(real, now).handleRequest(message, null);

        assertThat(again.getBatchItemFailures()).isEmpty();
        assertThat(delivered).allSatisfy(key -> {
            assertThat(stored(key).status()).isEqualTo(OrderStatus.SCHEDULED);
            assertThat(scheduler.schedules()).containsKey(key);
        });
        assertThat(shops.find(shop).orElseThrow().lastPolledAt()).isEqualTo(POLL_START);
    }

    @Test
    void theSweepRetriesTrackingThenFallsBackAndSendsStuckParcelsAfterSixtyDays() {
        String shop = trackedShop();
        OrderKey retry = new OrderKey(shop, "4001");
        orders.insert(received(retry, "1ZINVALID4001").toBuilder().trackingAttempts(1)
                .trackingFailure("INVALID_TRACKING_NUMBER").trackingRetryAt(FULFILLED.plus(Duration.ofHours(12)))
                .build().moveTo(OrderStatus.CREATING_TRACKING, "trackable", FULFILLED)
                .moveTo(OrderStatus.TRACKING_RETRY, "AfterShip could not create the tracking", FULFILLED));
        OrderKey stuck = waiting(shop, "4002", "1ZTRANSIT4002");
        Instant now = FULFILLED.plus(Duration.ofDays(61));
        String queue = sqs.createQueue(b -> b.queueName("poll-" + UUID.randomUUID())).queueUrl();
        var poller = new DeliveryPollerFunction(wiring(aftership(3)), sqs, queue, Clock.fixed(now, ZoneOffset.UTC));

        Map<String, Object> summary = poller.handleRequest(ScheduledPoll.now(), null);

        assertThat(summary).containsEntry("trackingGivenUp", 1).containsEntry("fallbacksUsed", 1);
        assertThat(stored(retry).status()).isEqualTo(OrderStatus.SCHEDULED);
        assertThat(stored(retry).sendReason()).isEqualTo(TimingReason.FULFILLMENT_BASED);
        assertThat(stored(retry).trackingAttempts()).isEqualTo(2);
        assertThat(stored(stuck).status()).isEqualTo(OrderStatus.SCHEDULED);
        assertThat(stored(stuck).sendReason()).isEqualTo(TimingReason.FALLBACK);
        assertThat(scheduler.schedules()).containsEntry(stuck, now);

        // the next cycle finds nothing left to do
        Map<String, Object> next = poller.handleRequest(ScheduledPoll.now(), null);
        assertThat(next).containsEntry("trackingGivenUp", 0).containsEntry("fallbacksUsed", 0);
    }

    @Test
    void aMalformedMessageComesBackForTheDeadLetterQueue() {
        SQSEvent message = asEvent(List.of(Message.builder().messageId("bad-1").body("{\"shop\":42}").build()));

        SQSBatchResponse response = worker(aftership(3), POLL_START).handleRequest(message, null);

        assertThat(response.getBatchItemFailures()).extracting(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                .containsExactly("bad-1");
    }

    @Test
    void theCheckpointNeverClobbersSettingsAndNeverMovesBack() {
        String shop = trackedShop();
        Shop before = shops.find(shop).orElseThrow();

        assertThat(shops.recordPoll(shop, POLL_START)).isTrue();
        assertThat(shops.recordPoll(shop, POLL_START.minus(Duration.ofHours(12)))).isFalse();
        assertThat(shops.recordPoll("gone.myshopify.com", POLL_START)).isFalse();

        Shop after = shops.find(shop).orElseThrow();
        assertThat(after.settings()).isEqualTo(before.settings());
        assertThat(after.lastPolledAt()).isEqualTo(POLL_START);
        assertThat(shops.find("gone.myshopify.com")).isEmpty();
    }
}
