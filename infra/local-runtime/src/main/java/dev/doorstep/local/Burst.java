package dev.doorstep.local;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.doorstep.lambda.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Select;

/**
 * The on-demand burst of issue 9: N signed {@code fulfillments/create} webhooks through the local
 * runtime's HTTP route (half with a tracking number, so tracking creation runs too), served
 * concurrently with the stream read in the background ({@link LocalRuntime#startConcurrent}), then a
 * count of the orders stored. Prints the time, the rate, and whether every order was stored exactly once.
 * Run it with {@code infra/bin/doorstep burst [N] [threads]}.
 */
final class Burst {

    private static final String SHOP = "burst-outdoor.myshopify.com";

    private Burst() {
    }

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 50_000;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        java.nio.file.Path logs = java.nio.file.Files.createTempFile("doorstep-burst-functions-", ".jsonl");
        FunctionLogs.redirect(logs); // 50,000 webhooks' JSON lines would bury the result
        System.out.println("burst: " + count + " webhooks on " + threads + " threads; function logs in " + logs);
        try (LocalRuntime runtime = LocalRuntime.startConcurrent(0, LocalRuntime.DEFAULT_SHOPIFY_SECRET)) {
            Result result = run(runtime, count, threads);
            System.out.println(result);
            System.exit(result.ok() ? 0 : 1);
        }
    }

    record Result(int sent, int accepted, int rejected, long stored, Duration took) {
        boolean ok() {
            return accepted == sent && stored == sent;
        }

        @Override
        public String toString() {
            double seconds = took.toMillis() / 1000.0;
            return String.format("burst: %d webhooks in %.1f s (%.0f/s); %d accepted, %d rejected; %d orders stored"
                    + " (%s)", sent, seconds, sent / seconds, accepted, rejected, stored,
                    ok() ? "every order stored once" : "MISMATCH");
        }
    }

    static Result run(LocalRuntime runtime, int count, int threads) throws Exception {
        HttpClient http = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(threads)).build();
        URI base = URI.create("http://localhost:" + runtime.port());
        HttpResponse<String> installed = http.send(HttpRequest.newBuilder(base.resolve("/shops/" + SHOP + "/settings"))
                .header("content-type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"aftershipEnabled\":true,\"aftershipApiKey\":\"burst-key\","
                        + "\"shopCountry\":\"US\"}")).build(), HttpResponse.BodyHandlers.ofString());
        if (installed.statusCode() != 200) {
            throw new IllegalStateException("could not set the shop up: " + installed.body());
        }
        AtomicInteger accepted = new AtomicInteger();
        AtomicInteger rejected = new AtomicInteger();
        Instant start = Instant.now();
        try (ExecutorService senders = Executors.newFixedThreadPool(threads)) {
            List<Future<?>> sent = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int n = i;
                sent.add(senders.submit(() -> {
                    String body = fulfillment(n, runtime.now());
                    HttpRequest request = HttpRequest.newBuilder(base.resolve("/webhooks/shopify"))
                            .header("content-type", "application/json")
                            .header("X-Shopify-Topic", "fulfillments/create")
                            .header("X-Shopify-Hmac-Sha256", sign(body))
                            .header("X-Shopify-Shop-Domain", SHOP)
                            .header("X-Shopify-API-Version", "2026-07")
                            .header("X-Shopify-Webhook-Id", UUID.randomUUID().toString())
                            .header("X-Shopify-Triggered-At", runtime.now().toString())
                            .POST(HttpRequest.BodyPublishers.ofString(body)).build();
                    int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                    (status == 200 ? accepted : rejected).incrementAndGet();
                    return null;
                }));
            }
            for (Future<?> f : sent) {
                f.get();
            }
        }
        Duration took = Duration.between(start, Instant.now());
        return new Result(count, accepted.get(), rejected.get(), storedOrders(runtime), took);
    }

    private static long storedOrders(LocalRuntime runtime) {
        long total = 0;
        Map<String, AttributeValue> from = null;
        do {
            Map<String, AttributeValue> start = from;
            var page = runtime.aws().dynamo.query(b -> b.tableName(LocalAws.TABLE).select(Select.COUNT)
                    .keyConditionExpression("pk = :pk AND begins_with(sk, :orders)")
                    .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("SHOP#" + SHOP),
                            ":orders", AttributeValue.fromS("ORDER#")))
                    .exclusiveStartKey(start));
            total += page.count();
            from = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (from != null);
        return total;
    }

    private static String fulfillment(int n, Instant at) {
        long orderId = 7_000_000L + n;
        ObjectNode f = Json.MAPPER.createObjectNode().put("id", 9_000_000L + n).put("order_id", orderId)
                .put("name", "#B" + n + ".1").put("status", "success").put("created_at", at.toString())
                .put("email", "buyer" + n + "@example.com");
        if (n % 2 == 0) {
            f.put("tracking_company", "UPS").put("tracking_number", "1ZBURST" + n);
            f.putArray("tracking_numbers").add("1ZBURST" + n);
        }
        f.putObject("destination").put("name", "Buyer " + n).put("country_code", "US");
        f.putArray("line_items").addObject().put("product_id", 100 + n % 7).put("title", "Item " + n % 7);
        return f.toString();
    }

    private static String sign(String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(LocalRuntime.DEFAULT_SHOPIFY_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return Base64.getEncoder().encodeToString(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    }
}
