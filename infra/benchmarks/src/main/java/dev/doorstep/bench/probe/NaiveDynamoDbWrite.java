package dev.doorstep.bench.probe;

import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The naive baseline: the DynamoDB write a webhook ends with, done the way the SDK's getting-started
 * guide does it. {@code DynamoDbClient.create()} picks the default HTTP client (Apache 5) and walks
 * the default region and credential provider chains; nothing is primed or cached. Same output lines
 * as {@link FunctionProbe}. Arguments: number of writes.
 */
public final class NaiveDynamoDbWrite {

    private NaiveDynamoDbWrite() {
    }

    public static void main(String[] args) {
        long start = System.nanoTime();
        int writes = Integer.parseInt(args[0]);
        String table = System.getenv("TABLE_NAME");
        DynamoDbClient dynamo = DynamoDbClient.create();
        long initialised = System.nanoTime();
        put(dynamo, table, 0);
        long answered = System.nanoTime();
        System.out.println("FIRST_RESPONSE init_ms=" + (initialised - start) / 1_000_000 + " invoke_ms="
                + (answered - initialised) / 1_000_000 + " response=put");
        System.out.flush();
        long burstStart = System.nanoTime();
        for (int i = 1; i < writes; i++) {
            put(dynamo, table, i);
        }
        System.out.println("BURST invocations=" + (writes - 1) + " nanos=" + (System.nanoTime() - burstStart));
        System.out.println("HEAP_PEAK bytes=" + HeapPeak.bytes());
        if (Boolean.getBoolean("bench.countCalls")) {
            System.out.println("CALLS " + AwsCallCounter.summary());
        }
        System.out.flush();
        System.exit(0);
    }

    private static void put(DynamoDbClient dynamo, String table, int i) {
        String id = "naive-" + ProcessHandle.current().pid() + "-" + i;
        dynamo.putItem(b -> b.tableName(table).item(Map.of(
                "pk", AttributeValue.fromS("RECEIPT#shopify#" + id),
                "sk", AttributeValue.fromS("RECEIPT"),
                "expiresAt", AttributeValue.fromN(Long.toString(System.currentTimeMillis() / 1000 + 604_800)))));
    }
}
