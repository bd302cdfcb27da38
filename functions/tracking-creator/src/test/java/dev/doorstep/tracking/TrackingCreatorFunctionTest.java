package dev.doorstep.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import dev.doorstep.aftership.AfterShipClient;
import dev.doorstep.aftership.AfterShipConfig;
import dev.doorstep.aftership.AfterShipTrackingService;
import dev.doorstep.aftership.ApiKey;
import dev.doorstep.aftership.CarrierSlugs;
import dev.doorstep.aftership.KmsApiKeyCipher;
import dev.doorstep.aftership.StoredApiKeys;
import dev.doorstep.aftership.sandbox.AfterShipSandbox;
import dev.doorstep.aftership.sandbox.RecordedRequest;
import dev.doorstep.core.model.Customer;
import dev.doorstep.core.model.Fulfillment;
import dev.doorstep.core.model.Order;
import dev.doorstep.core.model.OrderKey;
import dev.doorstep.core.model.OrderStatus;
import dev.doorstep.core.model.Shop;
import dev.doorstep.core.model.ShopSettings;
import dev.doorstep.core.planning.ReviewRequestPlanner;
import dev.doorstep.core.port.ReviewRequestScheduler;
import dev.doorstep.core.timing.TimingPolicy;
import dev.doorstep.core.timing.TimingReason;
import dev.doorstep.core.tracking.CreationOutcome;
import dev.doorstep.core.tracking.TrackingCreated;
import dev.doorstep.core.tracking.TrackingCreation;
import dev.doorstep.core.tracking.TrackingRequest;
import dev.doorstep.emulator.ProjectRoot;
import dev.doorstep.emulator.WithAwsEmulator;
import dev.doorstep.store.DoorstepTable;
import dev.doorstep.store.DynamoDbAfterShipCredentialStore;
import dev.doorstep.store.DynamoDbOrderStore;
import dev.doorstep.store.DynamoDbShopStore;
import java.io.InputStream;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.kms.KmsClient;

/** End to end: a real table and stream (emulator), KMS-encrypted keys, and AfterShip's sandbox. */
@WithAwsEmulator
class TrackingCreatorFunctionTest {

    static final AfterShipSandbox SANDBOX = AfterShipSandbox.start();
    static final String SHOP = "acme-tea.myshopify.com";
    static final String KEY = "as-key-acme-0001";

    final DynamoDbOrderStore orders;
    final StreamRecords stream;
    final RecordingScheduler scheduler = new RecordingScheduler();
    final TrackingCreation creation;
    final TrackingCreatorFunction function;
    final AfterShipTrackingService aftership;
    final Instant fulfilledAt = Instant.now().minus(Duration.ofHours(1)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);

    TrackingCreatorFunctionTest(DynamoDbClient dynamo, DynamoDbStreamsClient streams, KmsClient kms) {
        SANDBOX.reset();
        String table = "doorstep-" + UUID.randomUUID();
        String streamArn = DoorstepTable.create(dynamo, table);
        orders = new DynamoDbOrderStore(dynamo, table);
        var shops = new DynamoDbShopStore(dynamo, table);
        shops.save(Shop.installed(ShopSettings.defaults(SHOP).toBuilder().aftershipEnabled(true).shopCountry("US")
                .build()));
        var keys = new StoredApiKeys(new DynamoDbAfterShipCredentialStore(dynamo, table),
                new KmsApiKeyCipher(kms, kms.createKey(b -> b.description("aftership keys")).keyMetadata().keyId()),
                Clock.systemUTC());
        keys.save(SHOP, new ApiKey(KEY), null);
        aftership = new AfterShipTrackingService(new AfterShipClient(AfterShipConfig.defaults(SANDBOX.baseUrl())
                .withTimeouts(Duration.ofSeconds(2), Duration.ofMillis(20))), keys, CarrierSlugs.standard());
        TimingPolicy policy = new TimingPolicy();
        creation = new TrackingCreation(orders, shops, aftership, new ReviewRequestPlanner(policy, orders, scheduler),
                policy);
        function = new TrackingCreatorFunction(creation, Clock.systemUTC());
        stream = new StreamRecords(streams, streamArn);
    }

    @AfterAll
    static void stop() {
        SANDBOX.close();
    }

    OrderKey insert(String orderId, String trackingNumber, String carrier) {
        OrderKey key = new OrderKey(SHOP, orderId);
        orders.insert(Order.received(key, "#" + orderId, new Fulfillment("f" + orderId, fulfilledAt, trackingNumber,
                        carrier, "US"), new Customer("c1", "Ana Lima", "ana@example.com", "+1 555 0100"), List.of(),
                        fulfilledAt)
                .moveTo(OrderStatus.CREATING_TRACKING, "trackable", fulfilledAt));
        return key;
    }

    Order stored(OrderKey key) {
        return orders.find(key).orElseThrow();
    }

    static List<String> failures(StreamsEventResponse response) {
        return response.getBatchItemFailures().stream().map(StreamsEventResponse.BatchItemFailure::getItemIdentifier)
                .toList();
    }

    @Test
    void firstTrySuccessIsWaitingForDelivery() {
        OrderKey key = insert("1001", "1Z0001", "UPS");

        StreamsEventResponse response = function.handleRequest(stream.next(), null);

        assertThat(failures(response)).isEmpty();
        Order order = stored(key);
        assertThat(order.status()).isEqualTo(OrderStatus.WAITING_FOR_DELIVERY);
        assertThat(SANDBOX.trackingIds()).containsExactly(order.trackingId());
        assertThat(order.fallbackDeadline()).isEqualTo(fulfilledAt.plus(Duration.ofDays(60)));
        // the shop, credentials and the order's own update are on the stream too, and are left alone
        function.handleRequest(stream.next(), null);
        assertThat(SANDBOX.requests()).hasSize(1);
        assertThat(SANDBOX.requests().getFirst().body()).contains("+1 555 0100").doesNotContain("ana@example.com");
    }

    @Test
    void aNumberAfterShipAlreadyTracksIsUsed() {
        var existing = (TrackingCreated.Tracked) aftership.create(new TrackingRequest(new OrderKey(SHOP, "old"), null,
                "1Z0002", "UPS", "US", null, null, null, fulfilledAt));
        OrderKey key = insert("1002", "1Z0002", "UPS");

        assertThat(failures(function.handleRequest(stream.next(), null))).isEmpty();

        assertThat(stored(key).status()).isEqualTo(OrderStatus.WAITING_FOR_DELIVERY);
        assertThat(stored(key).trackingId()).isEqualTo(existing.trackingId());
        assertThat(SANDBOX.requests()).extracting(RecordedRequest::status).containsExactly(201, 400, 200);
    }

    @ParameterizedTest
    @CsvSource({
        "SBX-INVALID-3, UPS, INVALID_TRACKING_NUMBER",
        "SBX-BADCOURIER-3, UPS, INVALID_COURIER",
        "SBX-NOTADDED-3, UPS, COURIER_NOT_ENABLED",
        "SBX-UNSUPPORTED-3, UPS, COURIER_NOT_SUPPORTED",
        "SBX-QUOTA-3, UPS, PLAN_LIMIT"
    })
    void eachFailureRetriesIn12HoursAndTellsTheMerchantWhy(String number, String carrier, String reason) {
        OrderKey key = insert("1003", number, carrier);
        Instant before = Instant.now();

        assertThat(failures(function.handleRequest(stream.next(), null))).isEmpty();

        Order order = stored(key);
        assertThat(order.status()).isEqualTo(OrderStatus.TRACKING_RETRY);
        assertThat(order.trackingFailure()).isEqualTo(reason);
        assertThat(order.trackingAttempts()).isEqualTo(1);
        assertThat(order.trackingRetryAt()).isBetween(before.plus(Duration.ofHours(12)),
                Instant.now().plus(Duration.ofHours(12)));
        assertThat(orders.dueBy(order.trackingRetryAt(), 10)).extracting(Order::key).contains(key);
    }

    @Test
    void aRateLimitIsWaitedOutAndTheTrackingCreated() {
        OrderKey key = insert("1004", "SBX-RATELIMIT2-4", "UPS");

        assertThat(failures(function.handleRequest(stream.next(), null))).isEmpty();

        assertThat(stored(key).status()).isEqualTo(OrderStatus.WAITING_FOR_DELIVERY);
        assertThat(SANDBOX.requests()).extracting(RecordedRequest::status).containsExactly(429, 429, 201);
    }

    @Test
    void anOutageGoesBackToTheStreamWithoutUsingAnAttemptAndAnOldRecordIsParkedForThePoll() {
        OrderKey key = insert("1005", "1Z0005", "UPS");
        DynamodbEvent batch = stream.next();
        String sequence = batch.getRecords().stream().filter(r -> r.getEventName().equals("INSERT"))
                .filter(r -> r.getDynamodb().getNewImage().get("sk").getS().equals("ORDER#1005")).findFirst()
                .orElseThrow().getDynamodb().getSequenceNumber();
        SANDBOX.failNext(KEY, 503, 3);

        assertThat(failures(function.handleRequest(batch, null))).containsExactly(sequence);
        assertThat(stored(key).status()).isEqualTo(OrderStatus.CREATING_TRACKING);
        assertThat(stored(key).trackingAttempts()).isZero();

        SANDBOX.failNext(KEY, 503, 3);
        Instant longAgo = Instant.now().minus(TrackingCreatorFunction.RETRY_WINDOW).minusSeconds(60);
        assertThat(failures(function.handleRequest(StreamRecords.aged(batch, longAgo), null))).isEmpty();
        Order parked = stored(key);
        assertThat(parked.status()).isEqualTo(OrderStatus.TRACKING_RETRY);
        assertThat(parked.trackingAttempts()).isZero();
        assertThat(parked.trackingFailure()).isEqualTo("UNAVAILABLE");
    }

    @Test
    void aSecondFailureFallsBackToFulfillmentTiming() {
        OrderKey key = insert("1006", "SBX-INVALID-6", "UPS");
        function.handleRequest(stream.next(), null);
        Instant retryAt = stored(key).trackingRetryAt();

        // the poll's sweep of due orders makes the second and last attempt
        CreationOutcome outcome = creation.attempt(key, retryAt, false);

        assertThat(outcome).isInstanceOf(CreationOutcome.WillSend.class);
        Order order = stored(key);
        assertThat(order.status()).isEqualTo(OrderStatus.SCHEDULED);
        assertThat(order.sendReason()).isEqualTo(TimingReason.FULFILLMENT_BASED);
        assertThat(order.sendAt()).isEqualTo(fulfilledAt.plus(Duration.ofDays(7))); // domestic US -> US
        assertThat(order.trackingFailure()).isEqualTo("INVALID_TRACKING_NUMBER");
        assertThat(order.trackingAttempts()).isEqualTo(2);
        assertThat(scheduler.scheduled).containsEntry(key, order.sendAt());
    }

    @Test
    void aBatchWithManyOrdersOfOneShopStaysUnderItsRateLimit() {
        for (int i = 0; i < 30; i++) {
            insert("20" + i, "1Z20" + i, "UPS");
        }

        assertThat(failures(function.handleRequest(stream.next(), null))).isEmpty();

        assertThat(SANDBOX.requests()).hasSize(30).extracting(RecordedRequest::status).containsOnly(201);
        assertThat(SANDBOX.trackingIds()).hasSize(30);
    }

    @Test
    void theSampleEventIsReadAsLambdaWouldAndAnUnknownOrderIsLeftAlone() throws Exception {
        DynamodbEvent event;
        try (InputStream in = Files.newInputStream(ProjectRoot.find().resolve("events/order-stream/order-inserted.json"))) {
            event = LambdaEventSerializers.serializerFor(DynamodbEvent.class, getClass().getClassLoader()).fromJson(in);
        }
        assertThat(OrderInserted.from(event.getRecords().getFirst()))
                .hasValueSatisfying(o -> assertThat(o.order()).isEqualTo(new OrderKey(SHOP, "820982911946154508")));

        assertThat(failures(function.handleRequest(event, null))).isEmpty();
        assertThat(SANDBOX.requests()).isEmpty();
    }

    static final class RecordingScheduler implements ReviewRequestScheduler {
        final Map<OrderKey, Instant> scheduled = new ConcurrentHashMap<>();

        @Override
        public void schedule(OrderKey order, Instant sendAt, ZoneId shopZone) {
            scheduled.put(order, sendAt);
        }

        @Override
        public void cancel(OrderKey order) {
            scheduled.remove(order);
        }
    }
}
