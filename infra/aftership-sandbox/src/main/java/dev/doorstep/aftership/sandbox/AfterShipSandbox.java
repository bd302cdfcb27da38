package dev.doorstep.aftership.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * An AfterShip Tracking API sandbox on loopback: the v4 and date-versioned wire formats (meta/data
 * envelope, meta codes, {@code X-RateLimit-*} headers, per-key rate limits), trackings that move on
 * as they are polled or as the sandbox clock passes their delivery time, scripted failures, and
 * signed webhooks. Starts in milliseconds, in-process ({@link #start()}) or standalone ({@link #main}).
 * The control API ({@code /sandbox/...}) and the tracking-number words are described in README.md.
 */
public final class AfterShipSandbox implements AutoCloseable {

    /** Couriers an account has activated when nothing else is set, with their AfterShip names. */
    static final Map<String, String> COURIERS = orderedCouriers();

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final WebhookSender webhooks = new WebhookSender();
    private final SecureRandom random = new SecureRandom();

    // state, guarded by "this"
    final Map<String, SandboxTracking> trackings = new LinkedHashMap<>();
    final Map<String, Script> scripts = new HashMap<>();
    final Map<String, Integer> createAttempts = new HashMap<>();
    final Set<String> unsupportedSlugs = ConcurrentHashMap.newKeySet();
    private final Map<String, Account> accounts = new HashMap<>();
    private final List<RecordedRequest> requests = new ArrayList<>();
    private Script defaultScript = Script.deliveredAfterPolls(1);
    private Instant fixedNow;
    private Duration clockOffset = Duration.ZERO;
    private URI webhookUrl;
    private String webhookSecret;
    private String webhookVersion = "2026-07";

    private AfterShipSandbox(int port) throws java.io.IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.createContext("/", new ApiRoutes(this));
        server.createContext("/sandbox", new ControlRoutes(this));
        server.setExecutor(executor);
        server.start();
    }

    /** A sandbox on a free loopback port. */
    public static AfterShipSandbox start() {
        return start(0);
    }

    public static AfterShipSandbox start(int port) {
        try {
            return new AfterShipSandbox(port);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot start the AfterShip sandbox on port " + port, e);
        }
    }

    /** Standalone: {@code java ... AfterShipSandbox [port]} (default 4480). */
    public static void main(String[] args) throws InterruptedException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 4480;
        AfterShipSandbox sandbox = start(port);
        System.out.println("AfterShip sandbox on " + sandbox.baseUrl()
                + " (set AFTERSHIP_API_BASE_URL to it; control API under /sandbox)");
        Thread.currentThread().join();
    }

    /** What {@code AFTERSHIP_API_BASE_URL} should be, e.g. {@code http://127.0.0.1:41234}. */
    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    /** The account id of a key as recorded requests show it: a hash, so keys never sit in logs. */
    public static String accountId(String apiKey) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(apiKey.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- control, from Java (the same as the /sandbox endpoints) ----

    /** Forgets trackings, scripts, accounts, faults, requests, the clock and webhook settings. */
    public synchronized void reset() {
        trackings.clear();
        scripts.clear();
        createAttempts.clear();
        accounts.clear();
        requests.clear();
        unsupportedSlugs.clear();
        defaultScript = Script.deliveredAfterPolls(1);
        fixedNow = null;
        clockOffset = Duration.ZERO;
        webhookUrl = null;
        webhookSecret = null;
    }

    /** What happens to this tracking number (instead of the words in it). */
    public synchronized void script(String trackingNumber, Script script) {
        scripts.put(trackingNumber, script);
    }

    /** What happens to numbers with no script and no words (delivered after one poll unless set). */
    public synchronized void defaultScript(Script script) {
        defaultScript = script;
    }

    /** Only these couriers are activated on the key's account ("courier is not added" for others). */
    public synchronized void activateCouriers(String apiKey, Set<String> slugs) {
        account(accountId(apiKey)).couriers = slugs == null ? null : Set.copyOf(slugs);
    }

    /** The key's plan allows {@code shipments} more trackings, then answers "quota exceeded". */
    public synchronized void quota(String apiKey, int shipments) {
        account(accountId(apiKey)).quotaLeft = shipments;
    }

    /** The key is rejected with 401 from now on. */
    public synchronized void revokeKey(String apiKey) {
        account(accountId(apiKey)).keyInvalid = true;
    }

    /** Overrides the documented per-second limit of one endpoint for the key's account. */
    public synchronized void rateLimit(String apiKey, Endpoint endpoint, int perSecond) {
        account(accountId(apiKey)).limits.put(endpoint, perSecond);
    }

    /** The key's next {@code count} requests answer {@code status} (429 storms, 500/502/503/504). */
    public synchronized void failNext(String apiKey, int status, int count) {
        Account a = account(accountId(apiKey));
        for (int i = 0; i < count; i++) {
            a.faults.addLast(status);
        }
    }

    /** Every answer to the key is this slow. */
    public synchronized void slowAnswers(String apiKey, Duration delay) {
        account(accountId(apiKey)).delayMillis = delay.toMillis();
    }

    /** AfterShip answers 4012 "no longer supported" for this slug. */
    public void unsupported(String slug) {
        unsupportedSlugs.add(slug);
    }

    /** Freezes the sandbox clock at {@code at} (delivered-at scripts and timestamps follow it). */
    public synchronized void clock(Instant at) {
        fixedNow = at;
    }

    public synchronized void advance(Duration by) {
        if (fixedNow != null) {
            fixedNow = fixedNow.plus(by);
        } else {
            clockOffset = clockOffset.plus(by);
        }
    }

    public synchronized Instant now() {
        return fixedNow != null ? fixedNow : Instant.now().plus(clockOffset);
    }

    /** Webhooks for every tag change go to {@code url}, signed with {@code secret}. Null switches them off. */
    public synchronized void webhooks(URI url, String secret, String version) {
        webhookUrl = url;
        webhookSecret = secret;
        webhookVersion = version == null ? "2026-07" : version;
    }

    /** Marks the tracking Delivered at {@code at} (and sends a webhook if they are on). */
    public synchronized boolean deliver(String trackingId, Instant at) {
        SandboxTracking t = trackings.get(trackingId);
        if (t == null) {
            return false;
        }
        if (t.deliver(at)) {
            t.updatedAt = now().isAfter(t.updatedAt) ? now() : t.updatedAt;
            webhookOnChange(t);
        }
        return true;
    }

    /** The webhook body AfterShip would send now for the tracking, in the webhook version's shape. */
    public synchronized String webhookBody(String trackingId) {
        SandboxTracking t = require(trackingId);
        return WebhookSender.body(WireFormat.tracking(t, new ApiVersion(webhookVersion)), now(), true);
    }

    /** {@code aftership-hmac-sha256} for a body and secret. */
    public static String signature(String body, String secret) {
        return WebhookSender.signature(body, secret);
    }

    /**
     * Sends the tracking's webhook to {@code url} now, signed with {@code secret}, or with a wrong
     * signature when {@code badSignature}.
     *
     * @return the receiver's HTTP status, -1 if it could not be reached
     */
    public int sendWebhook(String trackingId, URI url, String secret, boolean badSignature) {
        String body = webhookBody(trackingId);
        String signature = WebhookSender.signature(body, badSignature ? secret + "-wrong" : secret);
        return webhooks.send(url, body, signature, webhookVersion);
    }

    /** The sandbox's view of a tracking in the given version's shape (or empty). */
    public synchronized java.util.Optional<ObjectNode> tracking(String trackingId, String version) {
        SandboxTracking t = trackings.get(trackingId);
        return t == null ? java.util.Optional.empty()
                : java.util.Optional.of(WireFormat.tracking(t, new ApiVersion(version)));
    }

    /** Ids of every tracking created so far, oldest first. */
    public synchronized List<String> trackingIds() {
        return List.copyOf(trackings.keySet());
    }

    /** Every API request so far, oldest first. */
    public synchronized List<RecordedRequest> requests() {
        return List.copyOf(requests);
    }

    /** The API requests made with one key. */
    public synchronized List<RecordedRequest> requests(String apiKey) {
        String id = accountId(apiKey);
        return requests.stream().filter(r -> id.equals(r.keyId())).toList();
    }

    // ---- used by the routes ----

    synchronized Account account(String accountId) {
        return accounts.computeIfAbsent(accountId, k -> new Account());
    }

    synchronized Script scriptFor(String trackingNumber) {
        Script s = scripts.get(trackingNumber);
        return s != null ? s : Script.fromNumber(trackingNumber, defaultScript);
    }

    synchronized String newId() {
        String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        StringBuilder id = new StringBuilder(24);
        for (int i = 0; i < 24; i++) {
            id.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return id.toString();
    }

    synchronized void advance(SandboxTracking t, Instant now, boolean polled) {
        if (t.advance(now, polled)) {
            webhookOnChange(t);
        }
    }

    synchronized void record(ApiRoutes.Call call, String path, String query, int status) {
        String key = call.apiKey();
        requests.add(new RecordedRequest(Instant.now(), call.method(), path, query, call.version().name(),
                call.keyHeader(), key == null ? null : accountId(key), call.body(), status));
    }

    private SandboxTracking require(String trackingId) {
        SandboxTracking t = trackings.get(trackingId);
        if (t == null) {
            throw new IllegalArgumentException("no tracking " + trackingId);
        }
        return t;
    }

    private void webhookOnChange(SandboxTracking t) {
        if (webhookUrl == null) {
            return;
        }
        URI url = webhookUrl;
        String body = WebhookSender.body(WireFormat.tracking(t, new ApiVersion(webhookVersion)), now(), true);
        String signature = WebhookSender.signature(body, webhookSecret);
        String version = webhookVersion;
        executor.execute(() -> webhooks.send(url, body, signature, version));
    }

    private static Map<String, String> orderedCouriers() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("dhl", "DHL Express");
        m.put("ups", "UPS");
        m.put("usps", "USPS");
        m.put("fedex", "FedEx®");
        m.put("royal-mail", "Royal Mail");
        m.put("dpd", "DPD");
        return java.util.Collections.unmodifiableMap(m);
    }
}
