package dev.doorstep.local;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.doorstep.aftership.sandbox.AfterShipSandbox;
import dev.doorstep.shopify.standin.SessionTokens;
import dev.doorstep.shopify.standin.ShopifyStandIn;
import dev.doorstep.emulator.ProjectRoot;
import dev.doorstep.emulator.SentEmail;
import dev.doorstep.lambda.Json;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;

/**
 * The whole pipeline on one machine with no AWS account: the emulator with the template's
 * resources, the AfterShip sandbox, the HTTP API routes on localhost, and what AWS drives itself
 * (stream records, the 12-hourly poll, TTL expiry, Scheduler firings) on a clock that moves only
 * when told to.
 */
public final class LocalRuntime implements AutoCloseable {

    public static final int DEFAULT_PORT = 3000;
    /** For local use only; the deployed app reads its secret from Secrets Manager. */
    public static final String DEFAULT_SHOPIFY_SECRET = "doorstep-local-shopify-secret";
    static final Duration POLL_INTERVAL = Duration.ofHours(12);

    private final ObjectMapper json = Json.MAPPER;
    private final LocalClock clock;
    private final LocalAws aws;
    private final AfterShipSandbox sandbox;
    private final ShopifyStandIn shopify;
    private final LocalFunctions functions;
    private final StreamPump pump;
    private final TtlSimulator ttl;
    private final ScheduleFirer firer;
    private final LocalHttpServer httpServer;
    private ScheduledExecutorService streamPoller;
    private final RuntimeLog log = new RuntimeLog(System.err);
    private Instant nextPoll;
    /** The newest events published on the bus, for GET /_local/events. */
    static final int KEPT_EVENTS = 10_000;
    private final ArrayDeque<JsonNode> publishedEvents = new ArrayDeque<>();
    private final String clientId;
    private final String shopifySecret;

    private LocalRuntime(int port, String shopifySecret, LocalHttpServer.Delivery delivery) throws IOException {
        clock = new LocalClock(Instant.now());
        aws = LocalAws.start();
        String external = System.getenv("AFTERSHIP_API_BASE_URL");
        sandbox = external == null || external.isBlank() ? AfterShipSandbox.start() : null;
        URI afterShip = sandbox != null ? sandbox.baseUrl() : URI.create(external.trim());
        syncSandboxClock();
        // Shopify: the stand-in signs session tokens and answers token exchange and the shop query, unless
        // SHOPIFY_ADMIN_BASE_URL names a real shop's admin ("https://{shop}") with the app's SHOPIFY_API_KEY.
        String shopifyAdmin = System.getenv("SHOPIFY_ADMIN_BASE_URL");
        clientId = System.getenv().getOrDefault("SHOPIFY_API_KEY", ShopifyStandIn.LOCAL_CLIENT_ID);
        this.shopifySecret = shopifySecret;
        shopify = shopifyAdmin == null || shopifyAdmin.isBlank() ? ShopifyStandIn.start(0, clientId, shopifySecret) : null;
        String adminBaseUrl = shopify != null ? shopify.adminBaseUrl() : shopifyAdmin.trim();

        Path template = ProjectRoot.find().resolve("template.yaml");
        TemplateFilters fromTemplate = new TemplateFilters(template, json);
        URI publicUrl = URI.create("http://localhost:" + port);
        functions = new LocalFunctions(aws, clock, afterShip, shopifySecret, publicUrl);
        functions.hostShopifyApp(aws, clock, clientId, shopifySecret, adminBaseUrl);

        List<StreamPump.Subscription> subscriptions = new ArrayList<>();
        functions.streamFunctions().forEach((name, fn) -> subscriptions.add(
                new StreamPump.Subscription(name, fromTemplate.streamFilters(name), fn)));
        pump = new StreamPump(aws.streams, aws.streamArn, subscriptions, json, log);
        ttl = new TtlSimulator(aws.dynamo, LocalAws.TABLE, pump);
        firer = new ScheduleFirer(aws.scheduler, LocalAws.SCHEDULE_GROUP, input -> {
            try {
                functions.fireReviewSender(json.readValue(input, new TypeReference<Map<String, Object>>() { }));
            } catch (IOException e) {
                throw new IllegalStateException("schedule input is not JSON: " + input, e);
            }
        }, log);
        nextPoll = clock.instant().plus(POLL_INTERVAL);

        List<ApiRoute> routes = new ArrayList<>();
        var httpFunctions = functions.httpFunctions();
        for (String[] r : fromTemplate.httpRoutes()) {
            var fn = httpFunctions.get(r[2]);
            if (fn == null) {
                log.warn("template route " + r[0] + " " + r[1] + " -> " + r[2] + " is not hosted locally yet");
                continue;
            }
            routes.add(new ApiRoute(r[0], r[1], fn));
        }
        this.httpServer = new LocalHttpServer(port, routes, this::control, pump::drain, delivery, clock, json);
        if (delivery == LocalHttpServer.Delivery.CONCURRENT) {
            streamPoller = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().factory());
            streamPoller.scheduleWithFixedDelay(this::pollStream, 250, 250, TimeUnit.MILLISECONDS);
        }
    }

    /** Requests one at a time, the stream drained after each: what every command but the burst uses. */
    public static LocalRuntime start(int port, String shopifySecret) throws IOException {
        return started(new LocalRuntime(port, shopifySecret, LocalHttpServer.Delivery.IN_STEP));
    }

    /**
     * Requests served in parallel and the stream read every 250 ms in batches, as Lambda's event
     * source mapping reads it: for bursts, where waiting for each request's stream work would
     * measure the local runtime instead of the functions.
     */
    public static LocalRuntime startConcurrent(int port, String shopifySecret) throws IOException {
        return started(new LocalRuntime(port, shopifySecret, LocalHttpServer.Delivery.CONCURRENT));
    }

    private void pollStream() {
        try {
            pump.drain();
            collectEvents();
        } catch (RuntimeException e) {
            log.warn("stream poll failed, trying again: " + e);
        }
    }

    private static LocalRuntime started(LocalRuntime runtime) {
        runtime.httpServer.start();
        runtime.log.info("emulator " + runtime.aws.emulator.kind() + " at " + runtime.aws.emulator.endpoint()
                + "; AfterShip at " + (runtime.sandbox != null ? runtime.sandbox.baseUrl() + " (sandbox)" : "external")
                + "; Shopify at " + (runtime.shopify != null ? runtime.shopify.baseUrl() + " (stand-in; session tokens: GET "
                        + runtime.shopify.baseUrl() + "/_standin/session-token?shop=...)" : "external"));
        runtime.log.info("serving on http://localhost:" + runtime.httpServer.port());
        return runtime;
    }

    public int port() {
        return httpServer.port();
    }

    public Instant now() {
        return clock.instant();
    }

    LocalAws aws() {
        return aws;
    }

    LocalFunctions functions() {
        return functions;
    }

    Optional<AfterShipSandbox> sandbox() {
        return Optional.ofNullable(sandbox);
    }

    /** The Shopify stand-in, unless a real Shopify is configured. */
    Optional<ShopifyStandIn> shopify() {
        return Optional.ofNullable(shopify);
    }

    /**
     * Moves the clock forward, firing everything that becomes due on the way in time order: the
     * 12-hourly poll, TTL deletions (and their stream records), and one-time schedules.
     *
     * @return what fired, in order
     */
    public synchronized List<String> advance(Duration by) {
        Instant target = clock.instant().plus(by);
        List<String> fired = new ArrayList<>();
        pump.drain();
        while (true) {
            Instant next = Stream.of(Optional.of(nextPoll), firer.next(), ttl.next())
                    .flatMap(Optional::stream).min(Instant::compareTo).orElse(target);
            if (next.isAfter(target)) {
                break;
            }
            clock.moveTo(next);
            syncSandboxClock();
            int schedules = firer.fireDue(clock.instant());
            if (schedules > 0) {
                fired.add(clock.instant() + " sent " + schedules + " scheduled review request(s)");
            }
            int expired = ttl.expire(clock.instant());
            if (expired > 0) {
                fired.add(clock.instant() + " TTL deleted " + expired + " item(s)");
            }
            pump.drain();
            if (!nextPoll.isAfter(clock.instant())) {
                functions.poll(aws, clock.instant());
                pump.drain();
                fired.add(clock.instant() + " delivery poll");
                nextPoll = nextPoll.plus(POLL_INTERVAL);
            }
        }
        clock.moveTo(target);
        syncSandboxClock();
        return fired;
    }

    private void syncSandboxClock() {
        if (sandbox != null) {
            sandbox.clock(clock.instant());
        }
    }

    private Optional<Map.Entry<Integer, Object>> control(String method, String path, Map<String, String> query) {
        if (!path.startsWith("/_local/")) {
            return Optional.empty();
        }
        return switch (method + " " + path) {
            case "GET /_local/clock" -> Optional.of(Map.entry(200, Map.of("now", clock.instant().toString(),
                    "nextPoll", nextPoll.toString())));
            case "POST /_local/clock/advance" -> {
                String by = query.getOrDefault("by", "PT12H");
                Duration duration;
                try {
                    duration = Duration.parse(by);
                } catch (java.time.format.DateTimeParseException e) {
                    yield Optional.of(Map.entry(400, Map.of("reason", "by must be an ISO-8601 duration like PT12H or P3D")));
                }
                if (duration.isNegative()) {
                    yield Optional.of(Map.entry(400, Map.of("reason", "the clock only moves forward")));
                }
                List<String> fired = advance(duration);
                yield Optional.of(Map.entry(200, Map.of("now", clock.instant().toString(), "fired", fired)));
            }
            case "GET /_local/emails" -> Optional.of(Map.entry(200, emails()));
            case "GET /_local/session-token" -> Optional.of(sessionToken(query.get("shop")));
            case "GET /_local/events" -> Optional.of(Map.entry(200, events()));
            default -> Optional.of(Map.entry(404, Map.of("reason", "unknown local route " + path)));
        };
    }

    /**
     * A session token for {@code shop}, signed as Shopify signs it for this app: what App Bridge hands the
     * merchant's page in Shopify admin, for the page served locally at /admin.
     */
    private Map.Entry<Integer, Object> sessionToken(String shop) {
        if (shop == null || !shop.matches("[a-z0-9][a-z0-9-]*\\.myshopify\\.com")) {
            return Map.entry(400, Map.of("reason", "shop must be a myshopify.com domain"));
        }
        return Map.entry(200, Map.of("shop", shop, "sessionToken", SessionTokens.issue(shop, clientId, shopifySecret)));
    }

    /** The review-request emails sent so far, as read back from the emulator. */
    public List<Map<String, Object>> emails() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (SentEmail mail : aws.emulator.sentEmails().all()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("messageId", mail.messageId());
            m.put("to", mail.to());
            m.put("subject", mail.subject());
            m.put("text", TextPart.of(mail));
            m.put("headers", mail.headers());
            out.add(m);
        }
        return out;
    }

    /** The domain events published on the bus so far (what a rule's subscriber would receive). */
    public synchronized List<JsonNode> events() {
        collectEvents();
        return List.copyOf(publishedEvents);
    }

    /**
     * Moves what the bus delivered to the local events queue into memory (the newest
     * {@link #KEPT_EVENTS}). The concurrent mode does it with every stream poll: an SQS queue that only
     * grows makes every send slower in moto, which would end up measuring the queue in a burst.
     */
    private synchronized void collectEvents() {
        while (true) {
            var batch = aws.sqs.receiveMessage(b -> b.queueUrl(aws.eventsQueueUrl).maxNumberOfMessages(10))
                    .messages();
            if (batch.isEmpty()) {
                return;
            }
            List<DeleteMessageBatchRequestEntry> done = new ArrayList<>();
            for (var m : batch) {
                try {
                    publishedEvents.addLast(json.readTree(m.body()));
                } catch (IOException e) {
                    throw new IllegalStateException("not an EventBridge event: " + m.body(), e);
                }
                if (publishedEvents.size() > KEPT_EVENTS) {
                    publishedEvents.removeFirst();
                }
                done.add(DeleteMessageBatchRequestEntry.builder().id(Integer.toString(done.size()))
                        .receiptHandle(m.receiptHandle()).build());
            }
            aws.sqs.deleteMessageBatch(b -> b.queueUrl(aws.eventsQueueUrl).entries(done));
        }
    }

    @Override
    public void close() {
        if (streamPoller != null) {
            streamPoller.shutdownNow();
        }
        httpServer.stop();
        if (sandbox != null) {
            sandbox.close();
        }
        if (shopify != null) {
            shopify.close();
        }
    }

    public static void main(String[] args) throws Exception {
        String mode = args.length > 0 ? args[0] : "run";
        int port = Integer.parseInt(System.getenv().getOrDefault("DOORSTEP_PORT", Integer.toString(DEFAULT_PORT)));
        for (int i = 1; i < args.length - 1; i++) {
            if (args[i].equals("--port")) {
                port = Integer.parseInt(args[i + 1]);
            }
        }
        String secret = System.getenv().getOrDefault("SHOPIFY_API_SECRET", DEFAULT_SHOPIFY_SECRET);
        LocalRuntime runtime = start(port, secret);
        Runtime.getRuntime().addShutdownHook(new Thread(runtime::close));
        if (mode.equals("demo")) {
            new Demo(runtime, secret, System.out).run();
        }
        Thread.currentThread().join();
    }
}
