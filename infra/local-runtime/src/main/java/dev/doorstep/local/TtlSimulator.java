package dev.doorstep.local;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Record;

/**
 * Does what DynamoDB's TTL process does in AWS, which moto does not: deletes items whose
 * {@code expiresAt} (epoch seconds) has passed on the local clock, and marks the deletions so their
 * stream records carry the TTL service identity.
 *
 * <p>Which items expire when is kept in memory, learned from the table's stream as the pump reads it
 * (one Scan at start-up for what an external emulator already holds). Scanning the table at every
 * clock step made each step cost as much as the table is large: one scenario went from 11 s to 88 s
 * after 1,000 orders.
 */
final class TtlSimulator {

    private record Expiry(long at, String pk, String sk) {
        Map<String, AttributeValue> key() {
            return Map.of("pk", AttributeValue.fromS(pk), "sk", AttributeValue.fromS(sk));
        }
    }

    private static final Comparator<Expiry> ORDER = Comparator.comparingLong(Expiry::at)
            .thenComparing(Expiry::pk).thenComparing(Expiry::sk);

    private final DynamoDbClient dynamo;
    private final String table;
    private final StreamPump pump;
    private final TreeSet<Expiry> byTime = new TreeSet<>(ORDER);
    private final Map<String, Expiry> byKey = new HashMap<>();

    TtlSimulator(DynamoDbClient dynamo, String table, StreamPump pump) {
        this.dynamo = dynamo;
        this.table = table;
        this.pump = pump;
        dynamo.scanPaginator(b -> b.tableName(table).filterExpression("attribute_exists(expiresAt)")
                .projectionExpression("pk, sk, expiresAt")).items().forEach(this::index);
        pump.observe(this::learn);
    }

    /** Keeps the index in step with one stream record. */
    synchronized void learn(Record record) {
        var change = record.dynamodb();
        if ("REMOVE".equals(record.eventNameAsString()) || !change.hasNewImage()) {
            forget(keyOf(change.keys()));
            return;
        }
        index(change.newImage());
    }

    synchronized Optional<Instant> next() {
        return byTime.isEmpty() ? Optional.empty() : Optional.of(Instant.ofEpochSecond(byTime.first().at()));
    }

    /** How many items the index holds (what the soak watches). */
    synchronized int tracked() {
        return byKey.size();
    }

    /** Deletes what expired by {@code now}; returns how many items went. */
    int expire(Instant now) {
        List<Expiry> due = new ArrayList<>();
        synchronized (this) {
            for (Expiry e : byTime) {
                if (e.at() > now.getEpochSecond()) {
                    break;
                }
                due.add(e);
            }
        }
        int deleted = 0;
        for (Expiry e : due) {
            pump.markTtlDelete(e.key());
            try {
                // Only if it still expires then: a write the stream has not shown yet may have moved it.
                dynamo.deleteItem(b -> b.tableName(table).key(e.key()).conditionExpression("expiresAt = :at")
                        .expressionAttributeValues(Map.of(":at", AttributeValue.fromN(Long.toString(e.at())))));
                deleted++;
            } catch (ConditionalCheckFailedException moved) {
                pump.unmarkTtlDelete(e.key());
            }
            synchronized (this) {
                forget(e.pk() + "|" + e.sk());
            }
        }
        return deleted;
    }

    private void index(Map<String, AttributeValue> item) {
        String key = keyOf(item);
        forget(key);
        AttributeValue expiresAt = item.get("expiresAt");
        if (expiresAt == null || expiresAt.n() == null) {
            return;
        }
        Expiry e = new Expiry(Long.parseLong(expiresAt.n()), item.get("pk").s(), item.get("sk").s());
        byTime.add(e);
        byKey.put(key, e);
    }

    private void forget(String key) {
        Expiry old = byKey.remove(key);
        if (old != null) {
            byTime.remove(old);
        }
    }

    private static String keyOf(Map<String, AttributeValue> item) {
        return item.get("pk").s() + "|" + item.get("sk").s();
    }
}
