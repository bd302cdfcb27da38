package dev.doorstep.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.doorstep.core.model.Customer;
import dev.doorstep.core.model.Fulfillment;
import dev.doorstep.core.model.Order;
import dev.doorstep.core.model.OrderKey;
import dev.doorstep.core.model.OrderStatus;
import dev.doorstep.core.model.Shop;
import dev.doorstep.core.model.ShopSettings;
import dev.doorstep.core.timing.SendDecision;
import dev.doorstep.core.timing.TimingReason;
import dev.doorstep.emulator.ProjectRoot;
import dev.doorstep.emulator.WithAwsEmulator;
import dev.doorstep.store.DoorstepTable;
import dev.doorstep.store.DynamoDbOrderStore;
import dev.doorstep.store.DynamoDbShopStore;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Over the wire: orders written through the real store, the table's stream read back from the
 * emulator, the function invoked with the records as Lambda would hand them, and the events read
 * from an SQS queue that a rule on the bus feeds (the template's example rule).
 */
@WithAwsEmulator
class EventPublisherFunctionTest {

    static final String SHOP = "acme-tea.myshopify.com";
    static final Instant FULFILLED = Instant.parse("2026-03-02T10:00:00Z");
    static final Instant NOW = FULFILLED.plus(Duration.ofDays(20));
    static final Customer ADA = new Customer("c-9", "Ada Lovelace", "ada@example.com", "+44 20 7946 0958");
    static final ObjectMapper JSON = new ObjectMapper();

    final DynamoDbClient dynamo;
    final SqsClient sqs;
    final EventBridgeClient events;
    final String table = "events-" + UUID.randomUUID();
    final String bus = "doorstep-" + UUID.randomUUID();
    final DynamoDbOrderStore orders;
    final StreamRecords stream;
    final String queueUrl;

    EventPublisherFunctionTest(DynamoDbClient dynamo, DynamoDbStreamsClient streams, EventBridgeClient events,
            SqsClient sqs) {
        this.dynamo = dynamo;
        this.sqs = sqs;
        this.events = events;
        String streamArn = DoorstepTable.create(dynamo, table);
        orders = new DynamoDbOrderStore(dynamo, table);
        stream = new StreamRecords(streams, streamArn);
        events.createEventBus(b -> b.name(bus));
        queueUrl = sqs.createQueue(b -> b.queueName("events-" + UUID.randomUUID())).queueUrl();
        String queueArn = sqs.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        events.putRule(b -> b.name("all-doorstep-events").eventBusName(bus).eventPattern("{\"source\":[\"doorstep\"]}"));
        events.putTargets(b -> b.rule("all-doorstep-events").eventBusName(bus)
                .targets(t -> t.id("example-queue").arn(queueArn)));
    }

    RecordingBus recordingBus() {
        return new RecordingBus(EventBus.of(events));
    }

    EventPublisherFunction function(EventBus through) {
        return new EventPublisherFunction(through, bus, Clock.fixed(NOW, ZoneOffset.UTC),
                new BusPublisher.Retries(3, Duration.ofMillis(1)));
    }

    // ---- orders written as the pipeline writes them ------------------------------------------

    Order inserted(String orderId, Order order) {
        assertThat(orders.insert(order)).isTrue();
        return orders.find(order.key()).orElseThrow();
    }

    Order updated(Order current, Order next) {
        return orders.update(current, next);
    }

    static Order received(String orderId) {
        return Order.received(new OrderKey(SHOP, orderId), "#" + orderId,
                new Fulfillment("f-" + orderId, FULFILLED, "1Z" + orderId, "UPS", "US"), ADA, List.of(),
                FULFILLED.plusSeconds(5));
    }

    static Order creatingTracking(String orderId) {
        return received(orderId).toBuilder().fallbackDeadline(FULFILLED.plus(Duration.ofDays(60))).build()
                .moveTo(OrderStatus.CREATING_TRACKING, "tracking number and carrier given", FULFILLED.plusSeconds(5));
    }

    static Order tracked(Order o) {
        return o.toBuilder().trackingId("trk-" + o.key().orderId()).trackingAttempts(1).build()
                .moveTo(OrderStatus.WAITING_FOR_DELIVERY, "AfterShip tracking created", FULFILLED.plusSeconds(7));
    }

    static Order delivered(Order o, Instant deliveredAt) {
        return o.toBuilder().deliveredAt(deliveredAt).build().schedule(new SendDecision(
                deliveredAt.plus(Duration.ofDays(5)), TimingReason.DELIVERY_BASED, deliveredAt.plus(Duration.ofDays(5)),
                false, "5 days after delivery"), deliveredAt.plus(Duration.ofHours(3)));
    }

    static Order fromFulfillment(Order o) {
        Instant sendAt = FULFILLED.plus(Duration.ofDays(7));
        return o.schedule(new SendDecision(sendAt, TimingReason.FULFILLMENT_BASED, sendAt, false,
                "7 days after fulfillment, because the fulfillment has no tracking number"), FULFILLED.plusSeconds(5));
    }

    static Order sent(Order scheduled, Instant at) {
        return scheduled.moveTo(OrderStatus.SENDING, "sending the review request", at)
                .moveTo(OrderStatus.SENT, "review request sent", at.plusSeconds(1)).toBuilder()
                .messageId("ses-" + scheduled.key().orderId()).build();
    }

    // ---- what the queue got -----------------------------------------------------------------

    List<JsonNode> drainQueue() throws Exception {
        List<JsonNode> out = new ArrayList<>();
        while (true) {
            List<Message> page = sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10)
                    .waitTimeSeconds(0)).messages();
            if (page.isEmpty()) {
                return out;
            }
            for (Message m : page) {
                out.add(JSON.readTree(m.body()));
                sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(m.receiptHandle()));
            }
        }
    }

    static Map<String, List<JsonNode>> byOrder(List<JsonNode> received) {
        Map<String, List<JsonNode>> out = new LinkedHashMap<>();
        received.forEach(e -> out.computeIfAbsent(e.path("detail").path("orderId").asText(), k -> new ArrayList<>())
                .add(e));
        return out;
    }

    static List<String> types(List<JsonNode> received) {
        return received.stream().map(e -> e.path("detail-type").asText()).toList();
    }

    static List<String> ids(List<JsonNode> received) {
        return received.stream().map(e -> e.path("detail").path("eventId").asText()).toList();
    }

    /** What a consumer keeps when it dedupes on eventId, as docs/events/README.md asks. */
    static List<JsonNode> deduped(List<JsonNode> received) {
        Map<String, JsonNode> first = new LinkedHashMap<>();
        received.forEach(e -> first.putIfAbsent(e.path("detail").path("eventId").asText(), e));
        return List.copyOf(first.values());
    }

    // ---- tests --------------------------------------------------------------------------------

    @Test
    void eachOrdersFactsArriveOnTheQueueOnceAndInHistoryOrder() throws Exception {
        Order one = inserted("1001", creatingTracking("1001"));
        Order two = inserted("1002", fromFulfillment(received("1002")));
        one = updated(one, tracked(one));
        new DynamoDbShopStore(dynamo, table).save(Shop.installed(ShopSettings.defaults(SHOP))); // not an order
        one = updated(one, delivered(one, FULFILLED.plus(Duration.ofDays(3))));
        two = updated(two, sent(two, FULFILLED.plus(Duration.ofDays(7))));
        updated(one, one.moveTo(OrderStatus.CANCELLED, "the order was refunded", FULFILLED.plus(Duration.ofDays(4))));

        StreamsEventResponse response = function(recordingBus()).handleRequest(StreamRecords.read(stream.nextJson()),
                null);

        assertThat(response.getBatchItemFailures()).isEmpty();
        List<JsonNode> received = drainQueue();
        Map<String, List<JsonNode>> perOrder = byOrder(received);
        assertThat(perOrder.keySet()).containsExactlyInAnyOrder("1001", "1002");
        assertThat(types(perOrder.get("1001"))).containsExactly("OrderReceived", "TrackingCreated", "DeliverySeen",
                "ReviewRequestScheduled", "ReviewRequestCancelled");
        assertThat(types(perOrder.get("1002"))).containsExactly("OrderReceived", "ReviewRequestScheduled",
                "ReviewRequestSent");
        perOrder.values().forEach(list -> assertThat(list).extracting(e -> e.path("detail").path("sequence").asLong())
                .isSorted().doesNotHaveDuplicates());
        assertThat(ids(received)).doesNotHaveDuplicates();

        JsonNode delivery = perOrder.get("1001").get(2);
        assertThat(delivery.path("source").asText()).isEqualTo("doorstep");
        assertThat(delivery.path("detail").path("deliveredAt").asText()).isEqualTo("2026-03-05T10:00:00Z");
        assertThat(delivery.path("time").asText()).isEqualTo("2026-03-05T13:00:00Z");
        JsonNode sentEvent = perOrder.get("1002").get(2);
        assertThat(sentEvent.path("detail").path("messageId").asText()).isEqualTo("ses-1002");
        assertThat(sentEvent.path("detail").path("orderNumber").asText()).isEqualTo("#1002");
        for (JsonNode e : received) {
            assertThat(EventSchemas.problems(e.path("detail-type").asText(), e.path("detail")))
                    .as("what the queue got keeps the schema").isEmpty();
            // The phone as written and as digits; "7946" alone also turns up in the bus's random event ids.
            assertThat(e.toString()).doesNotContain("ada@example.com").doesNotContain("Lovelace")
                    .doesNotContain("7946 0958").doesNotContain("2079460958");
        }
    }

    @Test
    void aRetriedBatchPublishesTheSameEventIdsSoConsumersKeepEachFactOnce() throws Exception {
        Order one = inserted("2001", creatingTracking("2001"));
        updated(one, tracked(one));
        String batch = stream.nextJson();
        EventPublisherFunction function = function(recordingBus());

        function.handleRequest(StreamRecords.read(batch), null);
        List<JsonNode> first = drainQueue();
        // Lambda hands the same records again (a timeout after the publish, a later record's failure...).
        function.handleRequest(StreamRecords.read(batch), null);
        List<JsonNode> second = drainQueue();

        assertThat(types(first)).containsExactly("OrderReceived", "TrackingCreated");
        assertThat(ids(second)).as("the same facts carry the same ids").isEqualTo(ids(first));
        List<JsonNode> both = new ArrayList<>(first);
        both.addAll(second);
        assertThat(deduped(both)).isEqualTo(first);
    }

    @Test
    void onlyTheEntriesEventBridgeRejectedAreSentAgain() throws Exception {
        Order one = inserted("3001", creatingTracking("3001"));
        one = updated(one, tracked(one));
        updated(one, delivered(one, FULFILLED.plus(Duration.ofDays(2))));
        RecordingBus flaky = recordingBus().rejecting(e -> e.detailType().equals("DeliverySeen")
                || e.detailType().equals("OrderReceived"), 1);

        StreamsEventResponse response = function(flaky).handleRequest(StreamRecords.read(stream.nextJson()), null);

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(flaky.calls()).hasSize(2);
        assertThat(flaky.calls().get(0)).extracting(e -> e.detailType()).containsExactly("OrderReceived",
                "TrackingCreated", "DeliverySeen", "ReviewRequestScheduled");
        assertThat(flaky.calls().get(1)).extracting(e -> e.detailType()).containsExactly("OrderReceived",
                "DeliverySeen");
        List<JsonNode> received = drainQueue();
        assertThat(received).hasSize(4);
        assertThat(ids(received)).doesNotHaveDuplicates();
    }

    @Test
    void entriesThatKeepFailingHandTheirRecordBackAndTheRetryCompletesIt() throws Exception {
        Order one = inserted("4001", creatingTracking("4001"));
        one = updated(one, tracked(one));
        updated(one, delivered(one, FULFILLED.plus(Duration.ofDays(2))));
        String batch = stream.nextJson();
        List<String> records = StreamRecords.split(batch);
        RecordingBus failing = recordingBus().rejecting(e -> e.detailType().equals("TrackingCreated"), 3);

        StreamsEventResponse response = function(failing).handleRequest(StreamRecords.read(batch), null);

        // The order's records: its INSERT, the MODIFY to "Waiting for delivery" with the INSERT of its
        // FALLBACK entry (one transaction), the MODIFY to "Will send".
        int tracked = 0;
        while (!StreamRecords.read(records.get(tracked)).getRecords().getFirst().getDynamodb().getNewImage()
                .get("status").getS().equals("WAITING_FOR_DELIVERY")) {
            tracked++;
        }
        String trackedRecord = StreamRecords.read(records.get(tracked)).getRecords().getFirst().getDynamodb()
                .getSequenceNumber();
        assertThat(response.getBatchItemFailures()).singleElement()
                .satisfies(f -> assertThat(f.getItemIdentifier()).isEqualTo(trackedRecord));
        assertThat(failing.calls()).as("one call and two retries of the rejected entry only").hasSize(3);
        List<JsonNode> firstTry = drainQueue();
        assertThat(types(firstTry)).doesNotContain("TrackingCreated");

        // Lambda hands back the failed record and everything after it; this time EventBridge takes it.
        String retry = "{\"Records\":[" + String.join(",", records.subList(tracked, records.size()).stream()
                .map(r -> r.substring("{\"Records\":[".length(), r.length() - 2)).toList()) + "]}";
        StreamsEventResponse again = function(failing).handleRequest(StreamRecords.read(retry), null);

        assertThat(again.getBatchItemFailures()).isEmpty();
        List<JsonNode> all = new ArrayList<>(firstTry);
        all.addAll(drainQueue());
        List<JsonNode> kept = deduped(all);
        assertThat(types(kept)).containsExactlyInAnyOrder("OrderReceived", "TrackingCreated", "DeliverySeen",
                "ReviewRequestScheduled");
        assertThat(kept).extracting(e -> e.path("detail").path("sequence").asLong()).doesNotHaveDuplicates();
    }

    @Test
    void anUnreadableOrderItemIsHandedBackAfterTheRecordsBeforeItArePublished() throws Exception {
        inserted("5001", fromFulfillment(received("5001")));
        dynamo.putItem(b -> b.tableName(table).item(Map.of(
                "pk", AttributeValue.fromS("SHOP#" + SHOP), "sk", AttributeValue.fromS("ORDER#5002"),
                "type", AttributeValue.fromS("ORDER"), "shop", AttributeValue.fromS(SHOP),
                "orderId", AttributeValue.fromS("5002"), "status", AttributeValue.fromS("LOST_IN_THE_MAIL"))));
        inserted("5003", fromFulfillment(received("5003")));
        String batch = stream.nextJson();
        String badRecord = StreamRecords.read(StreamRecords.split(batch).get(1)).getRecords().getFirst()
                .getDynamodb().getSequenceNumber();

        StreamsEventResponse response = function(recordingBus()).handleRequest(StreamRecords.read(batch), null);

        assertThat(response.getBatchItemFailures()).singleElement()
                .satisfies(f -> assertThat(f.getItemIdentifier()).isEqualTo(badRecord));
        assertThat(byOrder(drainQueue()).keySet()).containsExactly("5001");
    }

    @Test
    void recordsThatAreNotOrderChangesPublishNothing() throws Exception {
        new DynamoDbShopStore(dynamo, table).save(Shop.installed(ShopSettings.defaults(SHOP)));
        Order one = inserted("6001", creatingTracking("6001")); // also writes its FALLBACK entry
        stream.nextJson();
        orders.delete(one.key());
        dynamo.putItem(b -> b.tableName(table).item(Map.of("pk", AttributeValue.fromS("RECEIPT#shopify#w-1"),
                "sk", AttributeValue.fromS("RECEIPT"), "type", AttributeValue.fromS("RECEIPT"))));
        RecordingBus recording = recordingBus();

        StreamsEventResponse response = function(recording).handleRequest(StreamRecords.read(stream.nextJson()),
                null);

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(recording.calls()).isEmpty();
        assertThat(drainQueue()).isEmpty();
    }

    @Test
    void theSampleEventForSamLocalInvokePublishesTheDeliveryAndTheSchedule() throws Exception {
        String sample = Files.readString(ProjectRoot.find().resolve("events/event-publisher/order-delivered.json"));

        StreamsEventResponse response = function(recordingBus()).handleRequest(StreamRecords.read(sample), null);

        assertThat(response.getBatchItemFailures()).isEmpty();
        List<JsonNode> received = drainQueue();
        assertThat(types(received)).containsExactly("DeliverySeen", "ReviewRequestScheduled");
        assertThat(received.toString()).doesNotContain("customer@example.com").doesNotContain("Sample Customer");
    }

    @Test
    void manyOrdersGoOutInCallsOfAtMostTenEntries() throws Exception {
        for (int i = 0; i < 12; i++) {
            inserted("70" + (10 + i), fromFulfillment(received("70" + (10 + i))));
        }
        RecordingBus recording = recordingBus();

        StreamsEventResponse response = function(recording).handleRequest(StreamRecords.read(stream.nextJson()),
                null);

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(recording.calls()).extracting(List::size).containsExactly(10, 10, 4);
        List<JsonNode> received = drainQueue();
        assertThat(received).hasSize(24);
        assertThat(new LinkedHashSet<>(ids(received))).hasSize(24);
        byOrder(received).values().forEach(list -> assertThat(types(list))
                .containsExactly("OrderReceived", "ReviewRequestScheduled"));
    }
}
