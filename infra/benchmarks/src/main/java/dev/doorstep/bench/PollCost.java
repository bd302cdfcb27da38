package dev.doorstep.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.doorstep.aftership.AfterShipClient;
import dev.doorstep.aftership.AfterShipConfig;
import dev.doorstep.aftership.AfterShipTrackingService;
import dev.doorstep.aftership.ApiKey;
import dev.doorstep.aftership.CarrierSlugs;
import dev.doorstep.aftership.sandbox.AfterShipSandbox;
import dev.doorstep.aftership.sandbox.Endpoint;
import dev.doorstep.core.delivery.DeliveryUpdates;
import dev.doorstep.core.model.Customer;
import dev.doorstep.core.model.Fulfillment;
import dev.doorstep.core.model.Order;
import dev.doorstep.core.model.OrderKey;
import dev.doorstep.core.model.OrderStatus;
import dev.doorstep.core.model.Shop;
import dev.doorstep.core.model.ShopSettings;
import dev.doorstep.core.planning.ReviewRequestPlanner;
import dev.doorstep.core.polling.ShopPoll;
import dev.doorstep.core.polling.ShopPollOutcome;
import dev.doorstep.core.port.OrderStore;
import dev.doorstep.core.port.ShopStore;
import dev.doorstep.core.timing.TimingPolicy;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/**
 * One 12-hourly poll cycle through the real {@link ShopPoll} and the real AfterShip adapter against the
 * sandbox (AfterShip's documented per-key rate limits, enforced by both the sandbox and our client):
 * every shop has {@code ordersPerShop} orders waiting for delivery, {@code changedShare} of them were
 * delivered since the last poll, the rest are still in transit. Shops are polled by {@code workers}
 * threads at once, as the SQS-fed ShopPollWorker would be.
 */
final class PollCost {

    static final Instant START = Instant.parse("2026-03-01T00:00:00Z");
    static final Instant FULFILLED = START.minus(Duration.ofDays(2));
    static final Instant POLL = START.plus(Duration.ofHours(12));
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(4)).build();

    /**
     * @param webhooksWorking every shop's AfterShip webhooks arrive (see PollCadence): the steady state in
     *     which each shop was last polled in one of the previous five cycles, so one in five is due now
     */
    record Scenario(String name, int shops, int ordersPerShop, double changedShare, boolean sharedAccount,
            boolean webhooksWorking) {

        Scenario(String name, int shops, int ordersPerShop, double changedShare, boolean sharedAccount) {
            this(name, shops, ordersPerShop, changedShare, sharedAccount, false);
        }

        int orders() {
            return shops * ordersPerShop;
        }

        int changedPerShop() {
            return (int) Math.round(ordersPerShop * changedShare);
        }
    }

    record Result(Scenario scenario, long afterShipRequests, long changed, long scheduledOnDelivery,
            long itemsRead, long getItems, long queries, long scans, long writes, double wallSeconds, double setupSeconds,
            List<String> problems) {

        double itemsPerDueItem() {
            return changed == 0 ? Double.NaN : (double) itemsRead / changed;
        }
    }

    private PollCost() {
    }

    /** The stores: in memory with counters, or the DynamoDB adapters (see {@link PollCostOverTheWire}). */
    interface Stores {
        OrderStore orders();

        ShopStore shops();

        void resetCounts();

        long itemsRead();

        long gets();

        long queries();

        long writes();

        /** The in-memory port has no Scan; the DynamoDB count is taken on the wire. */
        default long scans() {
            return 0;
        }
    }

    static Stores inMemory() {
        CountingOrderStore orders = new CountingOrderStore(new dev.doorstep.core.memory.InMemoryOrderStore());
        CountingShopStore shops = new CountingShopStore(new dev.doorstep.core.memory.InMemoryShopStore());
        return new Stores() {
            public OrderStore orders() {
                return orders;
            }

            public ShopStore shops() {
                return shops;
            }

            public void resetCounts() {
                orders.reset();
                shops.reset();
            }

            public long itemsRead() {
                return orders.itemsRead.get() + shops.itemsRead.get();
            }

            public long gets() {
                return orders.gets.get() + shops.gets.get();
            }

            public long queries() {
                return orders.queries.get();
            }

            public long writes() {
                return orders.writes.get() + shops.writes.get();
            }
        };
    }

    /** The DynamoDB adapters on the emulator, counted on the wire: confirms the in-memory counts at a small scale. */
    static Stores onDynamoDb(dev.doorstep.emulator.AwsEmulator emulator) {
        DynamoDbReadCounter counter = new DynamoDbReadCounter();
        software.amazon.awssdk.services.dynamodb.DynamoDbClient dynamo = software.amazon.awssdk.services.dynamodb
                .DynamoDbClient.builder().endpointOverride(emulator.endpoint()).region(emulator.region())
                .credentialsProvider(emulator.credentials())
                .httpClientBuilder(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.builder())
                .overrideConfiguration(c -> c.addExecutionInterceptor(counter)).build();
        String table = "bench-poll-" + java.util.UUID.randomUUID();
        dev.doorstep.store.DoorstepTable.create(dynamo, table);
        OrderStore orders = new dev.doorstep.store.DynamoDbOrderStore(dynamo, table);
        ShopStore shops = new dev.doorstep.store.DynamoDbShopStore(dynamo, table);
        return new Stores() {
            public OrderStore orders() {
                return orders;
            }

            public ShopStore shops() {
                return shops;
            }

            public void resetCounts() {
                counter.reset(true);
            }

            public long itemsRead() {
                return counter.itemsRead.get();
            }

            public long gets() {
                return counter.gets.get();
            }

            public long queries() {
                return counter.queries.get();
            }

            public long scans() {
                return counter.scans.get();
            }

            public long writes() {
                return counter.writes.get();
            }
        };
    }

    /**
     * With one account per shop the shops are independent, so they are polled in batches of
     * {@link #BATCH_SHOPS} against a freshly reset sandbox (its create and list are linear in the
     * trackings it holds, so 100,000 at once would measure the sandbox, not us); the counts and the wall
     * times add up. Shops sharing one account are one batch.
     */
    static final int BATCH_SHOPS = 100;

    static Result measure(AfterShipSandbox sandbox, Scenario s, Supplier<Stores> storesFactory, int workers,
            PrintStream progress) throws Exception {
        progress.printf("poll cost %s: %,d orders across %,d shops, %.0f%% changed%n", s.name(), s.orders(),
                s.shops(), s.changedShare() * 100);
        Stores stores = storesFactory.get();
        List<String> shopNames = new ArrayList<>();
        for (int i = 0; i < s.shops(); i++) {
            shopNames.add("bench-shop-" + i + ".myshopify.com");
        }
        int batch = s.sharedAccount() ? s.shops() : BATCH_SHOPS;
        long requests = 0;
        long itemsRead = 0;
        long gets = 0;
        long queries = 0;
        long scans = 0;
        long writes = 0;
        long delivered = 0;
        long polledShops = 0;
        double wall = 0;
        double setupSeconds = 0;
        List<String> problems = new ArrayList<>();
        for (int from = 0; from < shopNames.size(); from += batch) {
            List<String> shops = shopNames.subList(from, Math.min(shopNames.size(), from + batch));
            long setupStarted = System.nanoTime();
            setUp(sandbox, s, stores, shops, from);
            setupSeconds += (System.nanoTime() - setupStarted) / 1e9;

            CountingScheduler scheduler = new CountingScheduler();
            TimingPolicy policy = new TimingPolicy();
            ReviewRequestPlanner planner = new ReviewRequestPlanner(policy, stores.orders(), scheduler);
            AfterShipTrackingService aftership = new AfterShipTrackingService(
                    new AfterShipClient(AfterShipConfig.defaults(sandbox.baseUrl())),
                    shop -> Optional.of(new ApiKey(apiKey(s, shop))), CarrierSlugs.standard());
            ShopPoll poll = new ShopPoll(stores.shops(), stores.orders(), aftership,
                    new DeliveryUpdates(stores.orders(), stores.shops(), policy, planner));

            stores.resetCounts();
            int requestsBefore = sandbox.requests().size();
            long started = System.nanoTime();
            List<ShopPollOutcome> outcomes = new ArrayList<>();
            try (ExecutorService pool = Executors.newFixedThreadPool(workers)) {
                List<Future<ShopPollOutcome>> futures = new ArrayList<>();
                for (String shop : shops) {
                    futures.add(pool.submit(() -> poll.poll(shop, POLL, POLL)));
                }
                for (Future<ShopPollOutcome> f : futures) {
                    outcomes.add(f.get());
                }
            }
            wall += (System.nanoTime() - started) / 1e9;
            requests += sandbox.requests().size() - requestsBefore;
            itemsRead += stores.itemsRead();
            gets += stores.gets();
            queries += stores.queries();
            scans += stores.scans();
            writes += stores.writes();
            delivered += outcomes.stream().mapToLong(ShopPollOutcome::scheduledOnDelivery).sum();
            polledShops += outcomes.stream().filter(o -> o.skipped() == null).count();
            outcomes.stream().filter(o -> o.skipped() == null && !o.complete()).map(o -> o.shop() + ": " + o.failure())
                    .limit(5).forEach(problems::add);
        }
        // Shops skipped this cycle (their webhooks carry their changes) read nothing: count the polled ones' changes.
        return new Result(s, requests, (long) s.changedPerShop() * polledShops, delivered, itemsRead, gets, queries,
                scans, writes, wall, setupSeconds, problems);
    }

    /** The shops' waiting orders and their trackings, one poll cycle ago; then the clock moves 12 hours. */
    private static void setUp(AfterShipSandbox sandbox, Scenario s, Stores stores, List<String> shops, int firstIndex)
            throws Exception {
        sandbox.reset();
        sandbox.clock(START);
        Set<String> keys = new LinkedHashSet<>();
        shops.forEach(shop -> keys.add(apiKey(s, shop)));
        for (String key : keys) {
            sandbox.rateLimit(key, Endpoint.CREATE_TRACKING, 1_000_000); // set-up only, restored below
        }
        try (ExecutorService setup = Executors.newFixedThreadPool(4)) {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < shops.size(); i++) {
                String shop = shops.get(i);
                long firstOrderId = 1_000_000L + (firstIndex + i) * 10_000L; // unique across shops, like Shopify's
                done.add(setup.submit(() -> {
                    stores.shops().save(Shop.installed(ShopSettings.defaults(shop).toBuilder().shopCountry("US")
                            .aftershipEnabled(true).build()));
                    for (int n = 0; n < s.ordersPerShop(); n++) {
                        String orderId = Long.toString(firstOrderId + n);
                        boolean changes = n < s.changedPerShop();
                        String number = (changes ? "BENCHDELIVERED2X" : "BENCHTRANSITX") + orderId;
                        String trackingId = createTracking(sandbox, apiKey(s, shop), number, orderId);
                        stores.orders().insert(waiting(new OrderKey(shop, orderId), number, trackingId));
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        }
        // The previous cycle: every tracking is scanned once (in transit from now on), then the checkpoint.
        for (String key : keys) {
            listOnce(sandbox, key);
            sandbox.rateLimit(key, Endpoint.CREATE_TRACKING, Endpoint.CREATE_TRACKING.documentedLimit());
        }
        for (int i = 0; i < shops.size(); i++) {
            String shop = shops.get(i);
            // Steady state with webhooks: polled in one of the last five 12-hour cycles, shop by shop.
            int cyclesAgo = s.webhooksWorking() ? (firstIndex + i) % 5 : 0;
            stores.shops().recordPoll(shop, START.plus(Duration.ofHours(1)).minus(Duration.ofHours(12L * cyclesAgo)));
            if (s.webhooksWorking()) {
                stores.shops().recordAfterShipWebhook(shop, POLL.minus(Duration.ofHours(1)));
            }
        }
        sandbox.clock(POLL);
    }

    static String apiKey(Scenario s, String shop) {
        return s.sharedAccount() ? "bench-shared-account" : "bench-key-" + shop;
    }

    static Order waiting(OrderKey key, String number, String trackingId) {
        return Order.received(key, "#" + key.orderId(), new Fulfillment("f-" + key.orderId(), FULFILLED, number,
                        "UPS", "US"), new Customer("c-" + key.orderId(), "Bench Buyer", "buyer@bench.example", null),
                        List.of(), FULFILLED)
                .toBuilder().trackingId(trackingId).trackingAttempts(1)
                .fallbackDeadline(FULFILLED.plus(Duration.ofDays(60))).build()
                .moveTo(OrderStatus.CREATING_TRACKING, "trackable", FULFILLED)
                .moveTo(OrderStatus.WAITING_FOR_DELIVERY, "AfterShip tracking created", FULFILLED);
    }

    /** Straight to the wire (2026-07 shape), as the poller's own tests set trackings up. */
    private static String createTracking(AfterShipSandbox sandbox, String apiKey, String number, String orderId)
            throws IOException, InterruptedException {
        String body = JSON.createObjectNode().put("tracking_number", number).put("slug", "ups")
                .put("order_id", orderId).toString();
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(sandbox.baseUrl()
                        + "/tracking/2026-07/trackings")).header("as-api-key", apiKey)
                .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 201) {
            throw new IllegalStateException("sandbox answered " + r.statusCode() + ": " + r.body());
        }
        JsonNode json = JSON.readTree(r.body());
        return json.path("data").path("id").asText();
    }

    /** A first-page list: the sandbox scans every tracking of the account once. */
    private static void listOnce(AfterShipSandbox sandbox, String apiKey) throws IOException, InterruptedException {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(sandbox.baseUrl()
                        + "/tracking/2026-07/trackings?limit=1")).header("as-api-key", apiKey).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("sandbox answered " + r.statusCode() + ": " + r.body());
        }
    }
}
