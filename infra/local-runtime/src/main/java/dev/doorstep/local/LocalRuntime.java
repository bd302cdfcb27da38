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
import com.sun.net.httpserver.HttpServer;
import dev.doorstep.aftership.AfterShipConfig;
import dev.doorstep.aftership.ApiVersion;
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
    private final Story story;
    private Instant nextPoll;
    /** The newest events published on the bus, for GET /_local/events. */
    static final int KEPT_EVENTS = 10_000;
    private final ArrayDeque<JsonNode> publishedEvents = new ArrayDeque<>();
    private final String clientId;
    private final String shopifySecret;

    private LocalRuntime(int port, String shopifySecret, LocalHttpServer.Delivery delivery, Story story,
            Map<String, String> env) {
        this.story = story;
        // The port first: a busy port must fail before the emulator and the sandbox are started.
        HttpServer bound = LocalHttpServer.bind(port);
        AfterShipSandbox startedSandbox = null;
        ShopifyStandIn startedShopify = null;
        try {
            clock = new LocalClock(Instant.now());
            aws = LocalAws.start();
            String external = env.get("AFTERSHIP_API_BASE_URL");
            startedSandbox = external == null || external.isBlank() ? AfterShipSandbox.start() : null;
            sandbox = startedSandbox;
            URI afterShip = sandbox != null ? sandbox.baseUrl() : URI.create(external.trim());
            syncSandboxClock();
            // Shopify: the stand-in signs session tokens and answers token exchange and the shop query, unless
            // SHOPIFY_ADMIN_BASE_URL names a real shop's admin ("https://{shop}") with the app's SHOPIFY_API_KEY.
            String shopifyAdmin = env.get("SHOPIFY_ADMIN_BASE_URL");
            clientId = env.getOrDefault("SHOPIFY_API_KEY", ShopifyStandIn.LOCAL_CLIENT_ID);
            this.shopifySecret = shopifySecret;
            startedShopify = shopifyAdmin == null || shopifyAdmin.isBlank()
                    ? ShopifyStandIn.start(0, clientId, shopifySecret) : null;
            shopify = startedShopify;
            String adminBaseUrl = shopify != null ? shopify.adminBaseUrl() : shopifyAdmin.trim();

            Path template = ProjectRoot.find().resolve("template.yaml");
            TemplateFilters fromTemplate = new TemplateFilters(template);
            URI publicUrl = URI.create("http://localhost:" + bound.getAddress().getPort());
            firer = new ScheduleFirer(aws.scheduler, LocalAws.SCHEDULE_GROUP, this::fireSchedule, log);
            functions = new LocalFunctions(aws, new RecordingSchedulerClient(aws.scheduler, firer), clock,
                    afterShipConfig(afterShip, env.get("AFTERSHIP_API_VERSION")), shopifySecret, publicUrl);
            functions.hostShopifyApp(aws, clock, clientId, shopifySecret, adminBaseUrl);

            List<StreamPump.Subscription> subscriptions = new ArrayList<>();
            functions.streamFunctions().forEach((name, fn) -> subscriptions.add(
                    new StreamPump.Subscription(name, fromTemplate.streamFilters(name), fn)));
            pump = new StreamPump(aws.streams, aws.streamArn, subscriptions, json, log);
            ttl = new TtlSimulator(aws.dynamo, LocalAws.TABLE, pump);
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
            this.httpServer = new LocalHttpServer(bound, routes, this::control, this::afterRequest, delivery, clock,
                    json);
        } catch (RuntimeException e) {
            bound.stop(0);
            if (startedSandbox != null) {
                startedSandbox.close();
            }
            if (startedShopify != null) {
                startedShopify.close();
            }
            throw e;
        }
        if (delivery == LocalHttpServer.Delivery.CONCURRENT) {
            streamPoller = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().factory());
            streamPoller.scheduleWithFixedDelay(this::pollStream, 250, 250, TimeUnit.MILLISECONDS);
        }
    }

    /** The AfterShip client's settings as the Lambda functions read them: the base URL and {@code AFTERSHIP_API_VERSION}. */
    static AfterShipConfig afterShipConfig(URI baseUrl, String version) {
        AfterShipConfig config = AfterShipConfig.defaults(baseUrl);
        return version == null || version.isBlank() ? config : config.withVersion(new ApiVersion(version.trim()));
    }

    /** A schedule's target by its ARN: an order's wake-up goes to the wake-up queue, anything else to the sender. */
    private void fireSchedule(String targetArn, String input) {
        if (LocalFunctions.WAKE_UP_QUEUE_ARN.equals(targetArn)) {
            functions.wakeUp(aws, input);
        } else {
            fireReviewSender(input);
        }
    }

    private void fireReviewSender(String input) {
        try {
            functions.fireReviewSender(json.readValue(input, new TypeReference<Map<String, Object>>() { }));
        } catch (IOException e) {
            throw new IllegalStateException("schedule input is not JSON: " + input, e);
        }
    }

    /** Requests one at a time, the stream drained after each: what every command but the burst uses. */
    public static LocalRuntime start(int port, String shopifySecret) {
        return start(port, shopifySecret, Story.silent(), System.getenv());
    }

    /**
     * As {@link #start(int, String)}, telling the story of each order to {@code story}, with
     * {@code AFTERSHIP_API_BASE_URL} and {@code AFTERSHIP_API_VERSION} read from {@code env} as the functions read them.
     */
    static LocalRuntime start(int port, String shopifySecret, Story story, Map<String, String> env) {
        return started(new LocalRuntime(port, shopifySecret, LocalHttpServer.Delivery.IN_STEP, story, env));
    }

    /**
     * Requests served in parallel and the stream read every 250 ms in batches, as Lambda's event
     * source mapping reads it: for bursts, where waiting for each request's stream work would
     * measure the local runtime instead of the functions.
     */
    public static LocalRuntime startConcurrent(int port, String shopifySecret) {
        return started(new LocalRuntime(port, shopifySecret, LocalHttpServer.Delivery.CONCURRENT, Story.silent(),
                System.getenv()));
    }

    /** After each request served in step: what AWS would do next (stream records), then the new events. */
    private void afterRequest() {
        pump.drain();
        // An accepted backfill offer queued the backfill: the queue's worker takes it, as in AWS, soon after.
        functions.drainPollQueue(aws);
        pump.drain();
        collectEvents();
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
        runtime.story.say("Doorstep local runtime on http://localhost:" + runtime.httpServer.port() + ", clock "
                + Story.time(runtime.now()) + " (moves only with POST /_local/clock/advance?by=...)");
        runtime.story.say("  emulator: " + runtime.aws.emulator.kind() + " at " + runtime.aws.emulator.endpoint()
                + "; AfterShip: " + (runtime.sandbox != null ? runtime.sandbox.baseUrl() + " (sandbox)" : "external"));
        runtime.story.say("  Shopify: " + (runtime.shopify != null ? runtime.shopify.baseUrl()
                + " (stand-in; session tokens: GET " + runtime.shopify.baseUrl() + "/_standin/session-token?shop=...)"
                : "external"));
        return runtime;
    }

    public int port() {
        return httpServer.port();
    }

    public Instant now() {
        return clock.instant();
    }

    /** Items the TTL simulator watches (for the soak). */
    int ttlTracked() {
        return ttl.tracked();
    }

    /** One-time schedules not fired yet (for the soak). */
    int schedulesPending() {
        return firer.all().size();
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
        int polls = 0;
        int sent = 0;
        int expired = 0;
        pump.drain();
        while (true) {
            Instant next = Stream.of(Optional.of(nextPoll), firer.next(), ttl.next())
                    .flatMap(Optional::stream).min(Instant::compareTo).orElse(target);
            if (next.isAfter(target)) {
                break;
            }
            clock.moveTo(next);
            syncSandboxClock();
            List<ScheduleFirer.Due> due = firer.fireDue(clock.instant());
            int wokenUp = (int) due.stream().filter(d -> LocalFunctions.WAKE_UP_QUEUE_ARN.equals(d.targetArn())).count();
            int schedules = due.size() - wokenUp;
            if (wokenUp > 0) {
                fired.add(clock.instant() + " woke up " + wokenUp + " order(s)");
            }
            if (schedules > 0) {
                fired.add(clock.instant() + " sent " + schedules + " scheduled review request(s)");
                sent += schedules;
            }
            int deleted = ttl.expire(clock.instant());
            if (deleted > 0) {
                fired.add(clock.instant() + " TTL deleted " + deleted + " item(s)");
                expired += deleted;
            }
            pump.drain();
            if (!nextPoll.isAfter(clock.instant())) {
                functions.poll(aws, clock.instant());
                pump.drain();
                fired.add(clock.instant() + " delivery poll");
                polls++;
                nextPoll = nextPoll.plus(POLL_INTERVAL);
            }
            collectEvents();
            story.progress(clock.instant(), target, polls);
        }
        clock.moveTo(target);
        syncSandboxClock();
        collectEvents();
        story.say("clock moved by " + Story.duration(by) + " to " + Story.time(target) + ": " + polls
                + " delivery poll(s), " + sent + " review request(s) sent, " + expired + " TTL deletion(s)");
        return fired;
    }

    private void syncSandboxClock() {
        if (sandbox != null) {
            sandbox.clock(clock.instant());
        }
    }

    /** The methods each local control route allows (anything else is a 405 with these in Allow). */
    private static final Map<String, String> CONTROL_ROUTES = Map.of(
            "/_local/clock", "GET", "/_local/clock/advance", "POST", "/_local/emails", "GET", "/_local/events", "GET",
            "/_local/session-token", "GET");

    private Optional<ControlAnswer> control(String method, String path, Map<String, String> query) {
        if (!path.startsWith("/_local/")) {
            return Optional.empty();
        }
        String allowed = CONTROL_ROUTES.get(path);
        if (allowed == null) {
            return Optional.of(ControlAnswer.notFound(path));
        }
        if (!allowed.equals(method)) {
            return Optional.of(ControlAnswer.methodNotAllowed(allowed));
        }
        return Optional.of(switch (path) {
            case "/_local/clock" -> ControlAnswer.ok(Map.of("now", clock.instant().toString(),
                    "nextPoll", nextPoll.toString()));
            case "/_local/clock/advance" -> advance(query.get("by"));
            case "/_local/emails" -> ControlAnswer.ok(emails());
            case "/_local/session-token" -> sessionToken(query.get("shop"));
            default -> ControlAnswer.ok(events());
        });
    }

    /** POST /_local/clock/advance?by=...: {@code by} is required (a silent default moved the clock by surprise). */
    private ControlAnswer advance(String by) {
        if (by == null || by.isBlank()) {
            return ControlAnswer.badRequest("say how far with by, an ISO-8601 duration: ?by=PT12H or ?by=P3D");
        }
        Duration duration;
        try {
            duration = Duration.parse(by.trim());
        } catch (java.time.format.DateTimeParseException e) {
            return ControlAnswer.badRequest("by must be an ISO-8601 duration like PT12H or P3D, got '" + by + "'");
        }
        if (duration.isNegative()) {
            return ControlAnswer.badRequest("the clock only moves forward");
        }
        List<String> fired = advance(duration);
        return ControlAnswer.ok(Map.of("now", clock.instant().toString(), "fired", fired));
    }

    /**
     * A session token for {@code shop}, signed as Shopify signs it for this app: what App Bridge hands the
     * merchant's page in Shopify admin, for the page served locally at /admin.
     */
    private ControlAnswer sessionToken(String shop) {
        if (shop == null || !shop.matches("[a-z0-9][a-z0-9-]*\\.myshopify\\.com")) {
            return ControlAnswer.badRequest("shop must be a myshopify.com domain");
        }
        return ControlAnswer.ok(Map.of("shop", shop, "sessionToken", SessionTokens.issue(shop, clientId, shopifySecret)));
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
                    JsonNode event = json.readTree(m.body());
                    publishedEvents.addLast(event);
                    story.event(event);
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

    /**
     * {@code doorstep run|demo [--port N] [--function-logs PATH|stderr]}. A start-up failure is one
     * line on stderr naming the fix, whatever was started is stopped, and the exit status is 1.
     */
    public static void main(String[] args) {
        LocalRuntime runtime;
        RunOptions options;
        Story story = new Story(System.out, System.console() != null && System.console().isTerminal());
        try {
            options = RunOptions.parse(args, System.getenv());
            Path logFile = options.functionLogFile(Path.of(System.getProperty("java.io.tmpdir")),
                    java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
                            .format(java.time.LocalDateTime.now()));
            FunctionLogs.redirect(logFile);
            String secret = System.getenv().getOrDefault("SHOPIFY_API_SECRET", DEFAULT_SHOPIFY_SECRET);
            runtime = start(options.port(), secret, story, System.getenv());
            story.say("  function logs (JSON, one line each, as CloudWatch would have them): "
                    + (logFile == null ? "stderr" : logFile.toAbsolutePath()));
            story.say("  look at: GET /shops/{shop}/review-requests, GET /_local/emails, GET /_local/events;"
                    + " send a webhook: infra/bin/doorstep webhook --help");
            Runtime.getRuntime().addShutdownHook(new Thread(runtime::close));
        } catch (StartupFailure e) {
            System.err.println("doorstep: " + e.getMessage());
            System.exit(1);
            return;
        } catch (Exception e) {
            System.err.println("doorstep: the local runtime could not start: " + e.getMessage()
                    + " (run infra/emulator/moto-venv.sh by hand if the emulator is the cause)");
            System.exit(1);
            return;
        }
        if (options.mode().equals("demo")) {
            try {
                new Demo(runtime, System.getenv().getOrDefault("SHOPIFY_API_SECRET", DEFAULT_SHOPIFY_SECRET),
                        System.out).run();
            } catch (Exception e) {
                System.err.println("doorstep: the demo stopped: " + e + "; the runtime keeps serving");
            }
        }
        try {
            Thread.currentThread().join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
