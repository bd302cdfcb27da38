package dev.doorstep.reliability;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Shopify's delivery behaviour, with time compressed: a delivery that got a 5xx, no answer, or no answer
 * within Shopify's 5-second timeout is delivered again (the same webhook id and body) up to 8 times over
 * 4 hours with exponential backoff (reference/shopify.md §1.5; the exact intervals are unpublished, so
 * they double from 4 h / 255). After the 8th failure the delivery is lost: that is what we count.
 */
final class ShopifyRetries implements AutoCloseable {

    static final int RETRIES = 8;
    static final Duration RETRY_SPAN = Duration.ofHours(4);
    static final Duration SHOPIFY_TIMEOUT = Duration.ofSeconds(5);

    /** What became of one delivery. */
    record Delivery(String webhookId, int attempts, int finalStatus, boolean lost) {
    }

    private final Function<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> endpoint;
    private final double compression;
    private final ScheduledExecutorService timer = Executors.newScheduledThreadPool(2);
    private final ExecutorService calls = Executors.newVirtualThreadPerTaskExecutor();
    private final Map<String, CompletableFuture<Delivery>> deliveries = new ConcurrentHashMap<>();
    final AtomicInteger attempts = new AtomicInteger();
    final AtomicInteger failedAttempts = new AtomicInteger();

    /** @param compression how many times faster than real time the retry schedule runs */
    ShopifyRetries(Function<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> endpoint, double compression) {
        this.endpoint = endpoint;
        this.compression = compression;
    }

    /** The wait before retry {@code n} (1-based), compressed: base, 2 base, 4 base, ... summing to 4 hours. */
    Duration backoff(int n) {
        double base = RETRY_SPAN.toMillis() / 255.0;
        return Duration.ofMillis(Math.max(1, Math.round(base * (1L << (n - 1)) / compression)));
    }

    /** Starts delivering now; retries happen in the background. */
    void deliver(APIGatewayV2HTTPEvent event) {
        String id = event.getHeaders().get("x-shopify-webhook-id");
        CompletableFuture<Delivery> done = new CompletableFuture<>();
        deliveries.put(id, done);
        calls.submit(() -> attempt(event, id, 0, done));
    }

    private void attempt(APIGatewayV2HTTPEvent event, String id, int retry, CompletableFuture<Delivery> done) {
        attempts.incrementAndGet();
        CompletableFuture<APIGatewayV2HTTPResponse> call = CompletableFuture.supplyAsync(() -> endpoint.apply(event),
                calls);
        int status;
        try {
            // Shopify waits 5 s (not compressed: it is the function's own latency that is measured)
            status = call.get(SHOPIFY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).getStatusCode();
        } catch (TimeoutException e) {
            status = -1; // no answer in time; the invocation may still finish and write
        } catch (Exception e) {
            status = -2; // the invocation died: API Gateway answers 502
        }
        if (status >= 200 && status < 300) {
            done.complete(new Delivery(id, retry + 1, status, false));
            return;
        }
        failedAttempts.incrementAndGet();
        if (retry == RETRIES) {
            done.complete(new Delivery(id, retry + 1, status, true));
            return;
        }
        timer.schedule(() -> calls.submit(() -> attempt(event, id, retry + 1, done)),
                backoff(retry + 1).toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Waits until every delivery succeeded or was given up. */
    List<Delivery> awaitAll(Duration timeout) throws Exception {
        CompletableFuture.allOf(deliveries.values().toArray(CompletableFuture[]::new))
                .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        return deliveries.values().stream().map(CompletableFuture::join).toList();
    }

    @Override
    public void close() {
        timer.shutdownNow();
        calls.shutdownNow();
    }
}
