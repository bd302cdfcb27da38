package dev.doorstep.bench.probe;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Counts every AWS call a container makes, by service and operation. The SDK loads it as a global
 * interceptor only when the parent puts an {@code execution.interceptors} file naming it on the
 * classpath (burst runs); cold-start runs never see it.
 */
public final class AwsCallCounter implements ExecutionInterceptor {

    private static final Map<String, AtomicLong> CALLS = new ConcurrentHashMap<>();

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        String name = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME) + "."
                + attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        CALLS.computeIfAbsent(name, n -> new AtomicLong()).incrementAndGet();
    }

    /** "DynamoDb.GetItem=3 DynamoDb.PutItem=1 ...", sorted. */
    public static String summary() {
        StringBuilder s = new StringBuilder();
        new TreeMap<>(CALLS).forEach((k, v) -> s.append(s.isEmpty() ? "" : " ").append(k).append('=').append(v.get()));
        return s.toString();
    }
}
