package dev.doorstep.bench;

import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItemsResponse;

/** Counts, on the wire, the items DynamoDB returned and the Scans made (there must be none). */
final class DynamoDbReadCounter implements ExecutionInterceptor {

    final AtomicLong itemsRead = new AtomicLong();
    final AtomicLong gets = new AtomicLong();
    final AtomicLong queries = new AtomicLong();
    final AtomicLong scans = new AtomicLong();
    final AtomicLong writes = new AtomicLong();
    volatile boolean counting;

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        if (!counting) {
            return;
        }
        SdkResponse r = context.response();
        switch (r) {
            case GetItemResponse g -> {
                gets.incrementAndGet();
                if (g.hasItem() && !g.item().isEmpty()) {
                    itemsRead.incrementAndGet();
                }
            }
            case QueryResponse q -> {
                queries.incrementAndGet();
                itemsRead.addAndGet(q.count());
            }
            case ScanResponse s -> {
                scans.incrementAndGet();
                itemsRead.addAndGet(s.count());
            }
            case BatchGetItemResponse b -> {
                gets.incrementAndGet();
                b.responses().values().forEach(items -> itemsRead.addAndGet(items.size()));
            }
            case TransactGetItemsResponse t -> {
                gets.incrementAndGet();
                itemsRead.addAndGet(t.responses().stream().filter(i -> i.hasItem()).count());
            }
            default -> writes.incrementAndGet();
        }
    }

    void reset(boolean on) {
        itemsRead.set(0);
        gets.set(0);
        queries.set(0);
        scans.set(0);
        writes.set(0);
        counting = on;
    }
}
