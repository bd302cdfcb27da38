package dev.doorstep.local;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Does what DynamoDB's TTL process does in AWS, which moto does not: deletes items whose
 * {@code expiresAt} (epoch seconds) has passed on the local clock, and marks the deletions so their
 * stream records carry the TTL service identity. Like the real background process it walks the
 * table (a Scan); this is local tooling only, the product itself never scans.
 */
final class TtlSimulator {

    private final DynamoDbClient dynamo;
    private final String table;
    private final StreamPump pump;

    TtlSimulator(DynamoDbClient dynamo, String table, StreamPump pump) {
        this.dynamo = dynamo;
        this.table = table;
        this.pump = pump;
    }

    Optional<Instant> next() {
        return expiring().stream()
                .map(item -> Instant.ofEpochSecond(Long.parseLong(item.get("expiresAt").n())))
                .min(Instant::compareTo);
    }

    /** Deletes what expired by {@code now}; returns how many items went. */
    int expire(Instant now) {
        int deleted = 0;
        for (Map<String, AttributeValue> item : expiring()) {
            long expiresAt = Long.parseLong(item.get("expiresAt").n());
            if (expiresAt > now.getEpochSecond()) {
                continue;
            }
            Map<String, AttributeValue> key = Map.of("pk", item.get("pk"), "sk", item.get("sk"));
            pump.markTtlDelete(key);
            dynamo.deleteItem(b -> b.tableName(table).key(key));
            deleted++;
        }
        return deleted;
    }

    private List<Map<String, AttributeValue>> expiring() {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        dynamo.scanPaginator(b -> b.tableName(table).filterExpression("attribute_exists(expiresAt)")
                .projectionExpression("pk, sk, expiresAt")).items().forEach(items::add);
        return items;
    }
}
