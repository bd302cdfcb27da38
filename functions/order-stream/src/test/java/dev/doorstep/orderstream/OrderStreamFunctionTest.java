package dev.doorstep.orderstream;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.doorstep.aftership.AfterShipClient;
import dev.doorstep.aftership.AfterShipConfig;
import dev.doorstep.aftership.AfterShipTrackingService;
import dev.doorstep.aftership.ApiKey;
import dev.doorstep.aftership.CarrierSlugs;
import dev.doorstep.aftership.KmsApiKeyCipher;
import dev.doorstep.aftership.StoredApiKeys;
import dev.doorstep.aftership.sandbox.AfterShipSandbox;
import dev.doorstep.core.delivery.FallbackDeadlines;
import dev.doorstep.core.memory.InMemoryReviewRequestScheduler;
import dev.doorstep.core.model.Customer;
import dev.doorstep.core.model.Fulfillment;
import dev.doorstep.core.model.Order;
import dev.doorstep.core.model.OrderKey;
import dev.doorstep.core.model.OrderStatus;
import dev.doorstep.core.model.Shop;
import dev.doorstep.core.model.ShopSettings;
import dev.doorstep.core.planning.ReviewRequestPlanner;
import dev.doorstep.core.timing.TimingPolicy;
import dev.doorstep.core.timing.TimingReason;
import dev.doorstep.core.tracking.TrackingCreation;
import dev.doorstep.emulator.ProjectRoot;
import dev.doorstep.emulator.StreamRecordJson;
import dev.doorstep.emulator.TableStream;
import dev.doorstep.emulator.WithAwsEmulator;
import dev.doorstep.fallback.FallbackFunction;
import dev.doorstep.store.DoorstepTable;
import dev.doorstep.store.DynamoDbAfterShipCredentialStore;
import dev.doorstep.store.DynamoDbOrderStore;
import dev.doorstep.store.DynamoDbShopStore;
import dev.doorstep.tracking.TrackingCreatorFunction;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.kms.KmsClient;

/**
 * The merged consumer end to end: a real table and its stream (emulator), KMS-encrypted AfterShip keys
 * and AfterShip's sandbox, the tracking creator's and the fallback's real logic. One batch carries a
 * new order to track and another order's FALLBACK entry deleted by TTL (moto never expires items, so
 * the test deletes it and marks the record as DynamoDB's TTL would, as the local runtime does).
 */
@WithAwsEmulator
class OrderStreamFunctionTest {

    static final AfterShipSandbox SANDBOX = AfterShipSandbox.start();
    static final String SHOP = "acme-tea.myshopify.com";

    final DynamoDbClient dynamo;
    final String table = "order-stream-" + UUID.randomUUID();
    final TableStream stream;
    final DynamoDbOrderStore orders;
    final InMemoryReviewRequestScheduler scheduler = new InMemoryReviewRequestScheduler();
    final Map<OrderKey, Instant> schedules = scheduler.schedules();
    final OrderStreamFunction function;
    final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    OrderStreamFunctionTest(DynamoDbClient dynamo, DynamoDbStreamsClient streams, KmsClient kms) {
        SANDBOX.reset();
        this.dynamo = dynamo;
        stream = new TableStream(streams, DoorstepTable.create(dynamo, table));
        orders = new DynamoDbOrderStore(dynamo, table);
        var shops = new DynamoDbShopStore(dynamo, table);
        shops.save(Shop.installed(ShopSettings.defaults(SHOP).toBuilder().aftershipEnabled(true).shopCountry("US")
                .build()));
        var keys = new StoredApiKeys(new DynamoDbAfterShipCredentialStore(dynamo, table),
                new KmsApiKeyCipher(kms, kms.createKey(b -> b.description("aftership keys")).keyMetadata().keyId()),
                Clock.systemUTC());
        keys.save(SHOP, new ApiKey("as-key-acme-0001"), null);
        var aftership = new AfterShipTrackingService(new AfterShipClient(AfterShipConfig.defaults(SANDBOX.baseUrl())
                .withTimeouts(Duration.ofSeconds(2), Duration.ofMillis(20))), keys, CarrierSlugs.standard());
        TimingPolicy policy = new TimingPolicy();
        var planner = new ReviewRequestPlanner(policy, orders, scheduler);
        Clock clock = Clock.systemUTC();
        function = new OrderStreamFunction(
                new TrackingCreatorFunction(new TrackingCreation(orders, shops, aftership, planner, policy), clock),
                new FallbackFunction(new FallbackDeadlines(orders, shops, planner), clock));
    }

    @AfterAll
    static void stop() {
        SANDBOX.close();
    }

    static List<String> failures(StreamsEventResponse response) {
        return response.getBatchItemFailures().stream().map(StreamsEventResponse.BatchItemFailure::getItemIdentifier)
                .toList();
    }

    @Test
    void oneBatchCreatesTheNewOrdersTrackingAndSendsTheExpiredOrderOnItsFallback() {
        Instant longAgo = now.minus(Duration.ofDays(61));
        OrderKey stuck = new OrderKey(SHOP, "2001");
        orders.insert(Order.received(stuck, "#2001", new Fulfillment("f2001", longAgo, "1Z2001", "UPS", "US"),
                        new Customer("c1", "Ada", "ada@example.com", null), List.of(), longAgo).toBuilder()
                .trackingId("trk-2001").trackingAttempts(1).fallbackDeadline(longAgo.plus(Duration.ofDays(60))).build()
                .moveTo(OrderStatus.CREATING_TRACKING, "trackable", longAgo)
                .moveTo(OrderStatus.WAITING_FOR_DELIVERY, "AfterShip tracking created", longAgo));
        stream.nextRecords(); // what came before is not this batch

        Instant fulfilled = now.minus(Duration.ofHours(1));
        OrderKey fresh = new OrderKey(SHOP, "2002");
        orders.insert(Order.received(fresh, "#2002", new Fulfillment("f2002", fulfilled, "1Z2002", "UPS", "US"),
                        new Customer("c2", "Ana Lima", "ana@example.com", "+1 555 0100"), List.of(), fulfilled)
                .moveTo(OrderStatus.CREATING_TRACKING, "trackable", fulfilled));
        Map<String, AttributeValue> fallbackEntry = Map.of("pk", AttributeValue.fromS("SHOP#" + SHOP),
                "sk", AttributeValue.fromS("FALLBACK#2001"));
        assertThat(dynamo.getItem(b -> b.tableName(table).key(fallbackEntry)).item()).isNotEmpty();
        dynamo.deleteItem(b -> b.tableName(table).key(fallbackEntry)); // what TTL does, days late

        StreamsEventResponse response = function.handleRequest(batchWithTtlDeleteOf("FALLBACK#2001"), null);

        assertThat(failures(response)).isEmpty();
        Order tracked = orders.find(fresh).orElseThrow();
        assertThat(tracked.status()).isEqualTo(OrderStatus.WAITING_FOR_DELIVERY);
        assertThat(SANDBOX.trackingIds()).containsExactly(tracked.trackingId());
        Order sent = orders.find(stuck).orElseThrow();
        assertThat(sent.status()).isEqualTo(OrderStatus.SCHEDULED);
        assertThat(sent.sendReason()).isEqualTo(TimingReason.FALLBACK);
        assertThat(schedules).containsOnlyKeys(stuck);
    }

    @Test
    void theSampleBatchIsReadAsLambdaWouldAndOrdersThatDoNotExistAreLeftAlone() throws Exception {
        DynamodbEvent event = TableStream.read(Files.readString(
                ProjectRoot.find().resolve("events/order-stream/mixed-batch.json")));
        assertThat(event.getRecords()).extracting(OrderStreamRoute::of)
                .containsExactly(OrderStreamRoute.TRACKING_CREATION, OrderStreamRoute.FALLBACK);

        assertThat(failures(function.handleRequest(event, null))).isEmpty();
        assertThat(SANDBOX.requests()).isEmpty();
        assertThat(schedules).isEmpty();
    }

    /** Every record written since the last read, as the mapping's batch; the REMOVE of {@code sk} by TTL. */
    DynamodbEvent batchWithTtlDeleteOf(String sk) {
        ObjectNode event = new ObjectMapper().createObjectNode();
        ArrayNode array = event.putArray("Records");
        for (Record r : stream.nextRecords()) {
            boolean ttl = "REMOVE".equals(r.eventNameAsString()) && sk.equals(r.dynamodb().keys().get("sk").s());
            array.add(StreamRecordJson.of(r, stream.streamArn(), ttl));
        }
        return TableStream.read(event.toString());
    }
}
