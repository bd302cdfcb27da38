package dev.doorstep.bench;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Many invocations in one warm container with a 256 MB heap cap: the heap high-water mark of every
 * function, and the webhook's warm throughput against a bare PutItem loop on the same emulator.
 */
final class Bursts {

    static final String HEAP_CAP = "-Xmx256m";

    record Heap(LambdaFunction function, long peakBytes, int invocations, int exitCode) {
    }

    /**
     * @param putItemPerSecond the bare loop writing the webhook's own order item (the baseline)
     * @param smallPutItemPerSecond the bare loop writing a three-attribute item
     */
    record Result(Sample webhookPerSecond, Sample putItemPerSecond, Sample smallPutItemPerSecond, List<Heap> heaps,
            long naiveHeapPeak, int burstSize, String webhookCalls, String naiveCalls) {
    }

    private Bursts() {
    }

    static Result measure(Launcher launcher, List<LambdaFunction> functions, int burstSize, int rounds,
            PrintStream progress) {
        LambdaFunction webhook = functions.stream().filter(LambdaFunction::isShopifyWebhook).findFirst().orElseThrow();
        List<Path> webhookEvents = WebhookBurst.write(launcher.root().resolve("events/shopify-webhook/orders-fulfilled.json"),
                burstSize, launcher.work().resolve("webhook-burst"));
        // First a run with the call counter on: what one webhook asks of AWS, and the order item it
        // writes, which the baseline loop then writes copies of (the same write, without the function).
        String countedTable = launcher.account().freshTable();
        String webhookCalls = launcher.function(webhook, List.of(HEAP_CAP), burstSize, webhookEvents, true,
                countedTable).calls();
        Map<String, AttributeValue> orderItem = launcher.account().dynamo.scan(b -> b.tableName(countedTable)
                .filterExpression("#t = :order").expressionAttributeNames(Map.of("#t", "type"))
                .expressionAttributeValues(Map.of(":order", AttributeValue.fromS("ORDER")))).items().getFirst();
        String naiveCalls = launcher.naive(List.of(HEAP_CAP), burstSize, true, orderItem).calls();
        Sample webhookRate = new Sample();
        Sample putRate = new Sample();
        Sample smallPutRate = new Sample();
        long webhookHeap = 0;
        long naiveHeap = 0;
        int webhookExit = 0;
        for (int round = 1; round <= rounds; round++) {
            progress.printf("warm throughput round %d/%d (%d invocations each)%n", round, rounds, burstSize);
            ChildJvm.Result small = launcher.naive(List.of(HEAP_CAP), burstSize);
            ChildJvm.Result naive = launcher.naive(List.of(HEAP_CAP), burstSize, false, orderItem);
            ChildJvm.Result hook = launcher.function(webhook, List.of(HEAP_CAP), burstSize, webhookEvents);
            smallPutRate.add(small.invocationsPerSecond());
            putRate.add(naive.invocationsPerSecond());
            webhookRate.add(hook.invocationsPerSecond());
            webhookHeap = Math.max(webhookHeap, hook.heapPeakBytes());
            naiveHeap = Math.max(naiveHeap, Math.max(naive.heapPeakBytes(), small.heapPeakBytes()));
            webhookExit = Math.max(webhookExit, hook.exitCode());
        }
        List<Heap> heaps = new ArrayList<>();
        for (LambdaFunction f : functions) {
            if (f == webhook) {
                heaps.add(new Heap(f, webhookHeap, burstSize, webhookExit));
                continue;
            }
            progress.printf("heap burst %s%n", f.name());
            ChildJvm.Result r = launcher.function(f, List.of(HEAP_CAP), burstSize, f.eventFiles(launcher.root()));
            heaps.add(new Heap(f, r.heapPeakBytes(), burstSize, r.exitCode()));
        }
        return new Result(webhookRate, putRate, smallPutRate, heaps, naiveHeap, burstSize, webhookCalls, naiveCalls);
    }
}
