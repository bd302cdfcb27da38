package dev.doorstep.bench.probe;

import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The naive baseline: the DynamoDB write a webhook ends with, done the way the SDK's getting-started
 * guide does it. {@code DynamoDbClient.create()} picks the default HTTP client (Apache 5) and walks
 * the default region and credential provider chains; nothing is primed or cached. Same output lines
 * as {@link FunctionProbe}. Arguments: number of writes, then optionally {@link #TEMPLATE}.
 */
public final class NaiveDynamoDbWrite {

    /** Second argument: write copies of the item stored under {@link #TEMPLATE_KEY} in the loop. */
    public static final String TEMPLATE = "--copy-template";
    public static final Map<String, AttributeValue> TEMPLATE_KEY = Map.of(
            "pk", AttributeValue.fromS("BENCH#TEMPLATE"), "sk", AttributeValue.fromS("ORDER"));

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
        // With a template (the order item a webhook wrote, copied here by the harness), the loop writes
        // that same item under new keys: the bare cost of the write the webhook has to make.
        Map<String, AttributeValue> template = args.length > 1 && TEMPLATE.equals(args[1])
                ? dynamo.getItem(b -> b.tableName(table).key(TEMPLATE_KEY)).item() : null;
        long burstStart = System.nanoTime();
        for (int i = 1; i < writes; i++) {
            if (template == null) {
                put(dynamo, table, i);
            } else {
                putCopy(dynamo, table, template, i);
            }
        }
        System.out.println("BURST invocations=" + (writes - 1) + " nanos=" + (System.nanoTime() - burstStart));
        System.out.println("HEAP_PEAK bytes=" + HeapPeak.bytes());
        if (Boolean.getBoolean("bench.countCalls")) {
            System.out.println("CALLS " + AwsCallCounter.summary());
        }
        System.out.flush();
        System.exit(0);
    }

    private static void putCopy(DynamoDbClient dynamo, String table, Map<String, AttributeValue> template, int i) {
        String id = "naive-" + ProcessHandle.current().pid() + "-" + i;
        Map<String, AttributeValue> item = new HashMap<>(template);
        item.put("sk", AttributeValue.fromS("ORDER#" + id));
        item.put("orderId", AttributeValue.fromS(id));
        dynamo.putItem(b -> b.tableName(table).item(item).conditionExpression("attribute_not_exists(pk)"));
    }

    private static void put(DynamoDbClient dynamo, String table, int i) {
        String id = "naive-" + ProcessHandle.current().pid() + "-" + i;
        dynamo.putItem(b -> b.tableName(table).item(Map.of(
                "pk", AttributeValue.fromS("RECEIPT#shopify#" + id),
                "sk", AttributeValue.fromS("RECEIPT"),
                "expiresAt", AttributeValue.fromN(Long.toString(System.currentTimeMillis() / 1000 + 604_800)))));
    }
}
