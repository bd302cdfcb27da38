package dev.doorstep.events;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import dev.doorstep.core.events.DomainEvent;
import dev.doorstep.lambda.AwsClients;
import dev.doorstep.lambda.JsonLog;
import dev.doorstep.lambda.Metrics;
import dev.doorstep.lambda.SnapStartPriming;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;

/**
 * Publishes what happens to each order on the Doorstep event bus. The table's stream is the outbox:
 * only committed writes reach it, and a record leaves the stream only once its events are on the bus
 * (docs/events/README.md). Each ORDER insert or modification becomes the facts it recorded, in
 * history order; a record whose events could not all be published is reported as failed, so the
 * stream hands it (and the ones after it) back, and consumers dedupe the repeats on {@code eventId}.
 */
public final class EventPublisherFunction implements RequestHandler<DynamodbEvent, StreamsEventResponse> {

    private static final JsonLog LOG = JsonLog.of(EventPublisherFunction.class);
    private static final Metrics METRICS = Metrics.forFunction("EventPublisher");

    private final BusPublisher publisher;
    private final EventEntries entries;
    private final Clock clock;

    /** The Lambda runtime's constructor: the real client, built once in the init phase, primed for SnapStart. */
    public EventPublisherFunction() {
        this(EventBus.of(AwsClients.build(EventBridgeClient.builder())), AwsClients.requiredEnv("EVENT_BUS_NAME"),
                Clock.systemUTC());
        SnapStartPriming.register("EventPublisherFunction", () -> EventPublisherPriming.prime(entries));
    }

    public EventPublisherFunction(EventBus bus, String busName, Clock clock) {
        this(bus, busName, clock, BusPublisher.Retries.DEFAULT);
    }

    EventPublisherFunction(EventBus bus, String busName, Clock clock, BusPublisher.Retries retries) {
        this.publisher = new BusPublisher(bus, retries);
        this.entries = new EventEntries(busName);
        this.clock = clock;
    }

    @Override
    public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
        List<DynamodbEvent.DynamodbStreamRecord> records =
                event == null || event.getRecords() == null ? List.of() : event.getRecords();
        List<PutEventsRequestEntry> outgoing = new ArrayList<>();
        List<String> recordOf = new ArrayList<>(); // the stream sequence number behind each entry
        String unreadable = null;
        for (DynamodbEvent.DynamodbStreamRecord record : records) {
            String sequenceNumber = record.getDynamodb() == null ? null : record.getDynamodb().getSequenceNumber();
            List<DomainEvent> events;
            try {
                OrderChange change = OrderChange.read(record);
                if (change.ignored()) {
                    LOG.info("stream record ignored", Map.of("eventId", String.valueOf(record.getEventID()),
                            "reason", change.ignoredBecause()));
                    continue;
                }
                events = change.events();
                if (!events.isEmpty()) {
                    LOG.info("order facts to publish", Map.of("shop", change.after().key().shop(),
                            "orderId", change.after().key().orderId(),
                            "facts", events.stream().map(DomainEvent::detailType).toList()));
                }
            } catch (RuntimeException e) {
                // A bad ORDER item: publish what came before it, then let the stream retry it and park it.
                LOG.error("stream record could not be read as an order", Map.of("eventId",
                        String.valueOf(record.getEventID())), e);
                METRICS.count("UnreadableRecords");
                unreadable = sequenceNumber;
                break;
            }
            for (DomainEvent e : events) {
                outgoing.add(entries.of(e));
                recordOf.add(sequenceNumber);
            }
        }
        return new StreamsEventResponse(failures(publish(outgoing, recordOf), unreadable));
    }

    /** Returns the sequence number of the first record whose events did not all go out, or null. */
    private String publish(List<PutEventsRequestEntry> outgoing, List<String> recordOf) {
        if (outgoing.isEmpty()) {
            return null;
        }
        BusPublisher.Outcome outcome = publisher.publish(outgoing);
        METRICS.emit("EventsPublished", outcome.published(), "Count", Map.of());
        METRICS.emit("EventAge", Duration.between(outgoing.getFirst().time(), clock.instant()).toMillis() / 1000.0,
                "Seconds", Map.of());
        if (outcome.firstFailed().isEmpty()) {
            return null;
        }
        int failed = outcome.firstFailed().getAsInt();
        METRICS.count("EventPublishFailures");
        LOG.warn("events not published; the stream will hand the record back", Map.of("published",
                outcome.published(), "pending", outgoing.size() - outcome.published(),
                "sequenceNumber", String.valueOf(recordOf.get(failed))));
        return recordOf.get(failed);
    }

    private static List<StreamsEventResponse.BatchItemFailure> failures(String notPublished, String unreadable) {
        // Lambda resumes from the lowest failed record; the earlier of the two is the one that counts.
        String first = notPublished != null ? notPublished : unreadable;
        return first == null ? List.of() : List.of(new StreamsEventResponse.BatchItemFailure(first));
    }
}
