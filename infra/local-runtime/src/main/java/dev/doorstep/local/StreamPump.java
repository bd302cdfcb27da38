package dev.doorstep.local;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.doorstep.emulator.EventPattern;
import dev.doorstep.emulator.StreamRecordJson;
import dev.doorstep.emulator.TableStream;
import dev.doorstep.emulator.TemplateStreamFilters;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * Does locally what Lambda's event source mappings do in AWS: reads the table's stream, applies
 * each subscription's filter patterns (the template's own), and invokes the function with a batch,
 * retrying from the earliest record it reports as failed a bounded number of times.
 */
final class StreamPump {

    /** One event source mapping: a function and the filters of its template event. */
    record Subscription(String name, List<EventPattern> filters,
            Function<DynamodbEvent, StreamsEventResponse> function) {

        boolean wants(ObjectNode record) {
            return TemplateStreamFilters.letThrough(filters, record);
        }
    }

    private static final int MAX_ATTEMPTS = 3;

    private final TableStream stream;
    private final String streamArn;
    private final List<Subscription> subscriptions;
    private final ObjectMapper json;
    private final Set<String> ttlDeletedKeys = new HashSet<>();
    private final RuntimeLog log;
    private final List<Consumer<Record>> observers = new ArrayList<>();

    StreamPump(DynamoDbStreamsClient streams, String streamArn, List<Subscription> subscriptions, ObjectMapper json,
            RuntimeLog log) {
        this.stream = new TableStream(streams, streamArn);
        this.streamArn = streamArn;
        this.subscriptions = subscriptions;
        this.json = json;
        this.log = log;
    }

    /** {@code observer} sees every record read, before the subscriptions get it (the TTL index learns here). */
    synchronized void observe(Consumer<Record> observer) {
        observers.add(observer);
    }

    /** The TTL simulator did not delete the item after all (its expiry had moved). */
    synchronized void unmarkTtlDelete(Map<String, AttributeValue> key) {
        ttlDeletedKeys.remove(keyOf(key));
    }

    /** The TTL simulator deletes an item: its REMOVE record will carry the TTL service identity. */
    synchronized void markTtlDelete(Map<String, AttributeValue> key) {
        ttlDeletedKeys.add(keyOf(key));
    }

    /** Delivers every record written so far; returns how many records were read. */
    synchronized int drain() {
        int total = 0;
        while (true) {
            List<Record> batch = stream.nextRecords();
            if (batch.isEmpty()) {
                return total;
            }
            total += batch.size();
            List<ObjectNode> records = new ArrayList<>();
            for (Record r : batch) {
                observers.forEach(o -> o.accept(r));
                boolean ttl = "REMOVE".equals(r.eventNameAsString()) && ttlDeletedKeys.remove(keyOf(r.dynamodb().keys()));
                records.add(StreamRecordJson.of(r, streamArn, ttl));
            }
            for (Subscription s : subscriptions) {
                List<ObjectNode> wanted = records.stream().filter(s::wants).toList();
                if (!wanted.isEmpty()) {
                    deliver(s, wanted);
                }
            }
        }
    }

    private void deliver(Subscription s, List<ObjectNode> records) {
        List<ObjectNode> pending = records;
        for (int attempt = 1; attempt <= MAX_ATTEMPTS && !pending.isEmpty(); attempt++) {
            ObjectNode event = json.createObjectNode();
            ArrayNode array = event.putArray("Records");
            pending.forEach(array::add);
            StreamsEventResponse response;
            try {
                response = s.function().apply(LambdaEvents.read(event.toString(), DynamodbEvent.class));
            } catch (RuntimeException e) {
                log.warn(s.name() + " failed on a batch of " + pending.size() + " (attempt " + attempt + "): " + e);
                continue; // the whole batch is retried, as Lambda does for a function error
            }
            Set<String> failed = new HashSet<>();
            if (response != null && response.getBatchItemFailures() != null) {
                response.getBatchItemFailures().forEach(f -> failed.add(f.getItemIdentifier()));
            }
            // As Lambda does for a stream: retry from the earliest reported record on, not just the
            // records named (a function may name only its first failure).
            int from = 0;
            while (from < pending.size()
                    && !failed.contains(pending.get(from).path("dynamodb").path("SequenceNumber").asText())) {
                from++;
            }
            pending = pending.subList(from, pending.size());
        }
        if (!pending.isEmpty()) {
            log.warn(s.name() + " gave up on " + pending.size() + " record(s) after " + MAX_ATTEMPTS
                    + " attempts (in AWS they would go to the on-failure queue)");
        }
    }

    private static String keyOf(Map<String, AttributeValue> key) {
        return key.get("pk").s() + "|" + key.get("sk").s();
    }
}
