package dev.doorstep.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * What our tests rely on the emulator doing as DynamoDB does under concurrency: a condition and its
 * write are one step, and a cancelled transaction writes nothing and erases nothing. Plain moto 5 breaks
 * both (its transaction rollback puts back a whole-table copy); {@code doorstep_moto_server.py} fixes it.
 */
@WithAwsEmulator
class DynamoDbAtomicityTest {

    private final DynamoDbClient dynamo;
    private final String table = "atomicity-" + UUID.randomUUID();

    DynamoDbAtomicityTest(DynamoDbClient dynamo) {
        this.dynamo = dynamo;
        dynamo.createTable(b -> b.tableName(table).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(
                        AttributeDefinition.builder().attributeName("pk").attributeType(ScalarAttributeType.S).build(),
                        AttributeDefinition.builder().attributeName("sk").attributeType(ScalarAttributeType.S).build())
                .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build(),
                        KeySchemaElement.builder().attributeName("sk").keyType(KeyType.RANGE).build()));
    }

    @Test
    void aCancelledTransactionWritesNothingAndSaysWhichConditionFailed() {
        put("existing", Map.of("v", AttributeValue.fromS("old")));

        assertThatThrownBy(() -> dynamo.transactWriteItems(b -> b.transactItems(
                TransactWriteItem.builder().put(p -> p.tableName(table).item(item("fresh", Map.of()))).build(),
                TransactWriteItem.builder().put(p -> p.tableName(table).item(item("existing", Map.of()))
                        .conditionExpression("attribute_not_exists(pk)")
                        .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)).build())))
                .isInstanceOfSatisfying(TransactionCanceledException.class, e -> {
                    assertThat(e.cancellationReasons()).extracting(CancellationReason::code)
                            .containsExactly("None", "ConditionalCheckFailed");
                    assertThat(e.cancellationReasons().get(1).item()).containsEntry("v", AttributeValue.fromS("old"));
                });

        assertThat(get("fresh")).isEmpty();
        assertThat(get("existing")).containsEntry("v", AttributeValue.fromS("old"));
    }

    @Test
    void aTransactionWhoseConditionsHoldWritesEveryItem() {
        put("counter", Map.of("n", AttributeValue.fromN("1")));
        put("guard", Map.of());

        dynamo.transactWriteItems(b -> b.transactItems(
                TransactWriteItem.builder().put(p -> p.tableName(table).item(item("a", Map.of()))
                        .conditionExpression("attribute_not_exists(pk)")).build(),
                TransactWriteItem.builder().update(u -> u.tableName(table).key(key("counter"))
                        .updateExpression("SET n = n + :one").conditionExpression("n = :one")
                        .expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1")))).build(),
                TransactWriteItem.builder().conditionCheck(c -> c.tableName(table).key(key("guard"))
                        .conditionExpression("attribute_exists(pk)")).build()));

        assertThat(get("a")).isNotEmpty();
        assertThat(get("counter")).containsEntry("n", AttributeValue.fromN("2"));
    }

    /** Many racers, one key: exactly one conditional PutItem wins, every time. */
    @Test
    void concurrentConditionalPutsOnOneKeyHaveOneWinner() throws Exception {
        try (ExecutorService pool = Executors.newFixedThreadPool(12)) {
            for (int round = 0; round < 15; round++) {
                String contested = "contested-" + round;
                AtomicInteger winners = new AtomicInteger();
                List<Callable<Void>> racers = new ArrayList<>();
                for (int i = 0; i < 12; i++) {
                    String racer = Integer.toString(i);
                    racers.add(() -> {
                        try {
                            dynamo.putItem(b -> b.tableName(table)
                                    .item(item(contested, Map.of("by", AttributeValue.fromS(racer))))
                                    .conditionExpression("attribute_not_exists(pk)"));
                            winners.incrementAndGet();
                        } catch (ConditionalCheckFailedException lost) {
                            // the expected outcome for all but one
                        }
                        return null;
                    });
                }
                for (Future<Void> f : pool.invokeAll(racers)) {
                    f.get();
                }
                assertThat(winners).as("winners of round %d", round).hasValue(1);
            }
        }
    }

    /** Cancelled transactions running beside plain writes must not roll those writes back. */
    @Test
    void cancelledTransactionsDoNotEraseConcurrentWrites() throws Exception {
        for (int batch = 0; batch < 40; batch++) { // a table big enough for a whole-table copy to take a while
            List<WriteRequest> writes = new ArrayList<>();
            for (int i = 0; i < 25; i++) {
                Map<String, AttributeValue> filler = item("filler-" + batch + "-" + i,
                        Map.of("body", AttributeValue.fromS("x".repeat(200))));
                writes.add(WriteRequest.builder().putRequest(p -> p.item(filler)).build());
            }
            dynamo.batchWriteItem(b -> b.requestItems(Map.of(table, writes)));
        }
        put("taken", Map.of());
        AtomicBoolean writing = new AtomicBoolean(true);
        int writers = 4;
        int perWriter = 60;
        try (ExecutorService pool = Executors.newFixedThreadPool(writers + 2)) {
            List<Future<?>> cancellers = new ArrayList<>();
            for (int c = 0; c < 2; c++) {
                cancellers.add(pool.submit(() -> {
                    while (writing.get()) {
                        try {
                            dynamo.transactWriteItems(b -> b.transactItems(TransactWriteItem.builder()
                                    .put(p -> p.tableName(table).item(item("taken", Map.of()))
                                            .conditionExpression("attribute_not_exists(pk)")).build()));
                        } catch (TransactionCanceledException expected) {
                            // every one is cancelled: "taken" exists
                        }
                    }
                }));
            }
            List<Future<?>> puts = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                String writer = "w" + w;
                puts.add(pool.submit(() -> {
                    for (int i = 0; i < perWriter; i++) {
                        put("receipt-" + writer + "-" + i, Map.of());
                    }
                }));
            }
            for (Future<?> f : puts) {
                f.get();
            }
            writing.set(false);
            for (Future<?> f : cancellers) {
                f.get();
            }
        }
        long receipts = dynamo.scanPaginator(b -> b.tableName(table).consistentRead(true)).items().stream()
                .filter(i -> i.get("pk").s().startsWith("receipt-")).count();
        assertThat(receipts).isEqualTo((long) writers * perWriter);
    }

    private Map<String, AttributeValue> item(String pk, Map<String, AttributeValue> attributes) {
        Map<String, AttributeValue> item = new java.util.HashMap<>(attributes);
        item.putAll(key(pk));
        return item;
    }

    private static Map<String, AttributeValue> key(String pk) {
        return Map.of("pk", AttributeValue.fromS(pk), "sk", AttributeValue.fromS("ITEM"));
    }

    private void put(String pk, Map<String, AttributeValue> attributes) {
        dynamo.putItem(b -> b.tableName(table).item(item(pk, attributes)));
    }

    private Map<String, AttributeValue> get(String pk) {
        return dynamo.getItem(b -> b.tableName(table).key(key(pk)).consistentRead(true)).item();
    }
}
