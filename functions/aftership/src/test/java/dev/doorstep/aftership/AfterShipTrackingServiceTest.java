package dev.doorstep.aftership;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.doorstep.aftership.sandbox.AfterShipSandbox;
import dev.doorstep.aftership.sandbox.Endpoint;
import dev.doorstep.aftership.sandbox.RecordedRequest;
import dev.doorstep.aftership.sandbox.Script;
import dev.doorstep.core.model.OrderKey;
import dev.doorstep.core.port.Page;
import dev.doorstep.core.tracking.DeliveryTag;
import dev.doorstep.core.tracking.TrackedShipment;
import dev.doorstep.core.tracking.TrackingCreated;
import dev.doorstep.core.tracking.TrackingFailure;
import dev.doorstep.core.tracking.TrackingQuery;
import dev.doorstep.core.tracking.TrackingRequest;
import dev.doorstep.core.tracking.TrackingServiceException;
import dev.doorstep.lambda.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The client over the wire against the sandbox, for every outcome the issue lists. */
class AfterShipTrackingServiceTest {

    static final AfterShipSandbox SANDBOX = AfterShipSandbox.start();
    static final String SHOP = "demo.myshopify.com";
    static final String KEY = "key-demo-0001";
    static final Instant FULFILLED = Instant.parse("2026-03-01T10:00:00Z");

    final Map<String, ApiKey> keys = new java.util.HashMap<>(Map.of(SHOP, new ApiKey(KEY)));
    final ApiKeys apiKeys = shop -> Optional.ofNullable(keys.get(shop));

    @AfterAll
    static void stop() {
        SANDBOX.close();
    }

    @BeforeEach
    void reset() {
        SANDBOX.reset();
    }

    AfterShipTrackingService service(String version) {
        AfterShipConfig config = AfterShipConfig.defaults(SANDBOX.baseUrl()).withVersion(new ApiVersion(version))
                .withTimeouts(Duration.ofMillis(500), Duration.ofMillis(20));
        return new AfterShipTrackingService(new AfterShipClient(config), apiKeys, CarrierSlugs.standard());
    }

    static TrackingRequest request(String number, String carrier, String phone, String email) {
        return new TrackingRequest(new OrderKey(SHOP, "5001"), "#1001", number, carrier, "DE", "Ada Buyer", phone,
                email, FULFILLED);
    }

    static JsonNode lastBody(String method) throws Exception {
        List<RecordedRequest> all = SANDBOX.requests();
        for (int i = all.size() - 1; i >= 0; i--) {
            if (all.get(i).method().equals(method) && all.get(i).body() != null && !all.get(i).body().isBlank()) {
                return Json.MAPPER.readTree(all.get(i).body());
            }
        }
        throw new AssertionError("no " + method + " with a body");
    }

    @Test
    void createsTheTrackingWithTheOrderAndOnlyThePersonalDataTheShopChose() throws Exception {
        TrackingCreated created = service("2026-07").create(request("JD0001", "DHL Express", "+49 30 1234", null));

        assertThat(created).isInstanceOf(TrackingCreated.Tracked.class);
        TrackingCreated.Tracked t = (TrackingCreated.Tracked) created;
        assertThat(t.slug()).isEqualTo("dhl");
        assertThat(t.alreadyExisted()).isFalse();
        assertThat(SANDBOX.trackingIds()).containsExactly(t.trackingId());

        JsonNode body = lastBody("POST");
        assertThat(body.has("tracking")).isFalse(); // flat from 2024-07
        assertThat(body.path("tracking_number").asText()).isEqualTo("JD0001");
        assertThat(body.path("slug").asText()).isEqualTo("dhl");
        assertThat(body.path("order_id").asText()).isEqualTo("5001");
        assertThat(body.path("order_number").asText()).isEqualTo("#1001");
        assertThat(body.path("destination_country_region").asText()).isEqualTo("DEU");
        JsonNode buyer = body.path("customers").path(0);
        assertThat(buyer.path("name").asText()).isEqualTo("Ada Buyer");
        assertThat(buyer.path("phone_number").asText()).isEqualTo("+49 30 1234");
        assertThat(buyer.has("email")).isFalse();
        assertThat(SANDBOX.requests().getLast().keyHeader()).isEqualTo("as-api-key");
    }

    @Test
    void speaksTheLegacyV4Api() throws Exception {
        TrackingCreated created = service("v4").create(request("JD0002", "UPS", null, "ada@example.com"));

        assertThat(created).isInstanceOf(TrackingCreated.Tracked.class);
        JsonNode body = lastBody("POST").path("tracking");
        assertThat(body.path("slug").asText()).isEqualTo("ups");
        assertThat(body.path("customer_name").asText()).isEqualTo("Ada Buyer");
        assertThat(body.path("emails").path(0).asText()).isEqualTo("ada@example.com");
        assertThat(body.has("smses")).isFalse();
        assertThat(body.path("destination_country_iso3").asText()).isEqualTo("DEU");
        assertThat(SANDBOX.requests().getLast().keyHeader()).isEqualTo("aftership-api-key");
        assertThat(SANDBOX.requests().getLast().path()).startsWith("/v4/");
    }

    @ParameterizedTest
    @ValueSource(strings = {"v4", "2024-07", "2026-07"})
    void anExistingTrackingIsLookedUpAndUsed(String version) {
        var service = service(version);
        var first = (TrackingCreated.Tracked) service.create(request("JD0003", "DHL Express", null, null));

        TrackingCreated again = service.create(request("JD0003", "DHL Express", null, null));

        assertThat(again).isEqualTo(new TrackingCreated.Tracked(first.trackingId(), "dhl", true));
        assertThat(SANDBOX.requests()).extracting(RecordedRequest::status).contains(400);
    }

    @ParameterizedTest
    @CsvSource({
        "SBX-INVALID-1, DHL Express, INVALID_TRACKING_NUMBER",
        "SBX-UNSUPPORTED-1, DHL Express, COURIER_NOT_SUPPORTED",
        "SBX-NOTADDED-1, DHL Express, COURIER_NOT_ENABLED",
        "SBX-BADCOURIER-1, DHL Express, INVALID_COURIER",
        "SBX-NEEDSPOSTCODE-1, PostNL, COURIER_FIELDS_REQUIRED",
        "SBX-QUOTA-1, DHL Express, PLAN_LIMIT",
        "'bad number!', DHL Express, INVALID_TRACKING_NUMBER",
        "SBX-BADCOURIER-2, Carrier Nobody Knows, INVALID_COURIER"
    })
    void failuresAreClassifiedForTheMerchant(String number, String carrier, TrackingFailure expected) {
        TrackingCreated created = service("2026-07").create(request(number, carrier, null, null));

        assertThat(created).isInstanceOf(TrackingCreated.Failed.class);
        assertThat(((TrackingCreated.Failed) created).reason()).isEqualTo(expected);
        assertThat(SANDBOX.trackingIds()).isEmpty();
    }

    @Test
    void aCourierNotActivatedOnTheAccountIsNotAdded() {
        SANDBOX.activateCouriers(KEY, Set.of("ups"));
        assertThat(service("2026-07").create(request("JD0004", "DHL Express", null, null)))
                .isEqualTo(new TrackingCreated.Failed(TrackingFailure.COURIER_NOT_ENABLED,
                        "Unable to import shipment as the carrier is not on your approved list for carrier "
                                + "auto-detection. Add the carrier here: https://admin.aftership.com/settings/couriers"));
    }

    @Test
    void theAccountQuotaRunsOut() {
        SANDBOX.quota(KEY, 1);
        var service = service("2026-07");
        assertThat(service.create(request("JD0005", "UPS", null, null))).isInstanceOf(TrackingCreated.Tracked.class);
        assertThat(((TrackingCreated.Failed) service.create(request("JD0006", "UPS", null, null))).reason())
                .isEqualTo(TrackingFailure.PLAN_LIMIT);
        // a plan limit is not a per-second limit: it is not waited for
        assertThat(SANDBOX.requests()).hasSize(2);
    }

    @Test
    void aRejectedOrMissingKeyIsReported() {
        keys.put(SHOP, new ApiKey("invalid-key"));
        assertThat(((TrackingCreated.Failed) service("2026-07").create(request("JD0007", "UPS", null, null))).reason())
                .isEqualTo(TrackingFailure.INVALID_API_KEY);
        keys.clear();
        assertThat(((TrackingCreated.Failed) service("2026-07").create(request("JD0007", "UPS", null, null))).reason())
                .isEqualTo(TrackingFailure.NO_API_KEY);
    }

    @Test
    void anUnknownCarrierIsDetectedAndTheCandidateNamedLikeItChosen() throws Exception {
        TrackingCreated created = service("2026-07").create(request("JD0008", "Royal Mail Tracked 48 (custom)", null,
                null));

        assertThat(created).isInstanceOf(TrackingCreated.Tracked.class);
        assertThat(SANDBOX.requests()).extracting(RecordedRequest::path)
                .containsExactly("/tracking/2026-07/couriers/detect", "/tracking/2026-07/trackings");
        assertThat(((TrackingCreated.Tracked) created).slug()).isEqualTo("royal-mail");
    }

    @Test
    void aRateLimitIsWaitedOutUntilTheResetThenTheTrackingIsCreated() {
        TrackingCreated created = service("2026-07").create(request("SBX-RATELIMIT2-1", "UPS", null, null));

        assertThat(created).isInstanceOf(TrackingCreated.Tracked.class);
        assertThat(SANDBOX.requests()).extracting(RecordedRequest::status).containsExactly(429, 429, 201);
    }

    @Test
    void aLong429StormEndsAsRateLimitedWhichIsTransient() {
        SANDBOX.failNext(KEY, 429, 20);
        TrackingCreated created = service("2026-07").create(request("JD0009", "UPS", null, null));

        assertThat(((TrackingCreated.Failed) created).reason()).isEqualTo(TrackingFailure.RATE_LIMITED);
        assertThat(TrackingFailure.RATE_LIMITED.isTransient()).isTrue();
        assertThat(SANDBOX.requests()).hasSize(6); // one try and five waits for the reset
    }

    @Test
    void afterGivingUpOnA429TheNextCallOnTheAccountWaitsForTheReset() {
        var service = service("2026-07");
        SANDBOX.failNext(KEY, 429, 6); // the sandbox's 429s still say requests remain, as some proxies do
        assertThat(((TrackingCreated.Failed) service.create(request("JD0010", "UPS", null, null))).reason())
                .isEqualTo(TrackingFailure.RATE_LIMITED);

        assertThat(service.create(request("JD0011", "UPS", null, null))).isInstanceOf(TrackingCreated.Tracked.class);

        List<RecordedRequest> requests = SANDBOX.requests();
        assertThat(requests).extracting(RecordedRequest::status).startsWith(429, 429, 429, 429, 429, 429)
                .contains(201);
        // The last 429 named the next second as its reset; the next call must not arrive before it.
        assertThat(requests.get(6).at().getEpochSecond()).isGreaterThan(requests.get(5).at().getEpochSecond());
    }

    @Test
    void serverErrorsAreRetriedWithBackoffThenGivenUp() {
        var service = service("2026-07");
        assertThat(service.create(request("SBX-ERROR2-1", "UPS", null, null))).isInstanceOf(TrackingCreated.Tracked.class);
        assertThat(SANDBOX.requests()).extracting(RecordedRequest::status).containsExactly(503, 503, 201);

        SANDBOX.reset();
        assertThat(((TrackingCreated.Failed) service.create(request("SBX-ERROR5-2", "UPS", null, null))).reason())
                .isEqualTo(TrackingFailure.UNAVAILABLE);
        assertThat(SANDBOX.requests()).hasSize(3);
    }

    @Test
    void slowAnswersTimeOutAndCountAsUnavailable() {
        SANDBOX.slowAnswers(KEY, Duration.ofMillis(1500));
        assertThat(((TrackingCreated.Failed) service("2026-07").create(request("JD0010", "UPS", null, null))).reason())
                .isEqualTo(TrackingFailure.UNAVAILABLE);
    }

    @Test
    void manyOrdersOfOneShopNeverExceedItsDocumentedRateLimit() throws Exception {
        var service = service("2026-07");
        long start = System.nanoTime();
        createConcurrently(service, 30, "JD01");
        // POST /trackings allows 20 per second: 30 creations need a second window, and none is refused
        assertThat(SANDBOX.requests()).extracting(RecordedRequest::status).hasSize(30).containsOnly(201);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThan(Duration.ofMillis(500));
    }

    @Test
    void aLowerLimitThanDocumentedIsLearntFromTheHeadersAndItsRefusalsAbsorbed() throws Exception {
        SANDBOX.rateLimit(KEY, Endpoint.CREATE_TRACKING, 3);
        createConcurrently(service("2026-07"), 9, "JD03");
        List<Integer> statuses = SANDBOX.requests().stream().map(RecordedRequest::status).toList();
        assertThat(statuses).filteredOn(s -> s == 201).hasSize(9);
        // only the first burst (8 threads, 3 allowed) can overshoot, before any X-RateLimit-Limit was seen
        assertThat(statuses).filteredOn(s -> s == 429).hasSizeLessThanOrEqualTo(5);
    }

    private void createConcurrently(AfterShipTrackingService service, int count, String prefix) throws Exception {
        List<Future<TrackingCreated>> results = new ArrayList<>();
        try (var pool = Executors.newFixedThreadPool(8)) {
            for (int i = 0; i < count; i++) {
                String number = prefix + String.format("%03d", i);
                results.add(pool.submit(() -> service.create(request(number, "UPS", null, null))));
            }
            for (Future<TrackingCreated> f : results) {
                assertThat(f.get()).isInstanceOf(TrackingCreated.Tracked.class);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"v4", "2024-07", "2026-07"})
    void listsChangedTrackingsPageByPage(String version) {
        Instant t0 = Instant.parse("2026-03-01T00:00:00Z");
        SANDBOX.clock(t0);
        SANDBOX.defaultScript(Script.of(Script.Kind.IN_TRANSIT));
        var client = new AfterShipClient(AfterShipConfig.defaults(SANDBOX.baseUrl()).withVersion(new ApiVersion(version)));
        var service = new AfterShipTrackingService(client, apiKeys, CarrierSlugs.standard());
        for (int i = 0; i < 5; i++) {
            service.create(request("JD02" + i + "0", "UPS", null, null));
        }
        SANDBOX.clock(t0.plus(Duration.ofHours(12)));

        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            AfterShipResponse r = client.listTrackings(new ApiKey(KEY), t0.plusSeconds(1), null, null, cursor, 2);
            assertThat(r.ok()).isTrue();
            r.data().path("trackings").forEach(t -> seen.add(t.path("tracking_number").asText()));
            cursor = version.equals("2026-07")
                    ? (r.data().path("pagination").path("has_next_page").asBoolean()
                            ? r.data().path("pagination").path("next_cursor").asText() : null)
                    : (pages + 1) * 2 < r.data().path("count").asInt() ? Integer.toString(pages + 2) : null;
            pages++;
        } while (cursor != null);

        assertThat(pages).isEqualTo(3);
        assertThat(seen).containsExactlyInAnyOrder("JD0200", "JD0210", "JD0220", "JD0230", "JD0240");

        Page<TrackedShipment> page = service.changed(SHOP, new TrackingQuery(t0.plusSeconds(1), null,
                DeliveryTag.IN_TRANSIT, null));
        assertThat(page.items()).hasSize(5).allSatisfy(s -> assertThat(s.tag()).isEqualTo(DeliveryTag.IN_TRANSIT));
        assertThat(page.hasMore()).isFalse();
    }

    @Test
    void aPolledTrackingIsDeliveredWithItsDateAndCheckpoints() {
        SANDBOX.script("JD0300", Script.deliveredAfterPolls(2));
        var service = service("2026-07");
        var created = (TrackingCreated.Tracked) service.create(request("JD0300", "UPS", null, null));

        TrackedShipment first = service.find(SHOP, created.trackingId()).orElseThrow();
        TrackedShipment second = service.find(SHOP, created.trackingId()).orElseThrow();

        assertThat(first.tag()).isEqualTo(DeliveryTag.IN_TRANSIT);
        assertThat(second.tag()).isEqualTo(DeliveryTag.DELIVERED);
        assertThat(second.deliveredAt()).isNotNull();
        assertThat(second.orderId()).isEqualTo("5001");
        assertThat(second.toReport(new OrderKey(SHOP, "5001"), dev.doorstep.core.delivery.DeliverySource.POLL)
                .deliveryEvidence()).isPresent();
        assertThat(service.find(SHOP, "no-such-id")).isEmpty();
    }

    @Test
    void anExpiredTrackingCarriesItsDeliveredCheckpoint() {
        var service = service("2026-07");
        var created = (TrackingCreated.Tracked) service.create(request("SBX-EXPIREDDELIVERED-1", "UPS", null, null));
        TrackedShipment s = service.find(SHOP, created.trackingId()).orElseThrow();
        assertThat(s.tag()).isEqualTo(DeliveryTag.EXPIRED);
        assertThat(s.toReport(new OrderKey(SHOP, "5001"), dev.doorstep.core.delivery.DeliverySource.POLL)
                .deliveryEvidence()).isPresent();
    }

    @Test
    void readFailuresSayWhetherToTryLater() {
        SANDBOX.failNext(KEY, 503, 5);
        assertThatThrownBy(() -> service("2026-07").changed(SHOP, TrackingQuery.changedSince(FULFILLED)))
                .isInstanceOfSatisfying(TrackingServiceException.class,
                        e -> assertThat(e.reason()).isEqualTo(TrackingFailure.UNAVAILABLE));
    }

    @Test
    void theKeyNeverAppearsInLogs() {
        var out = new java.io.ByteArrayOutputStream();
        dev.doorstep.lambda.JsonLog.redirect(new java.io.PrintStream(out, true));
        try {
            SANDBOX.failNext(KEY, 429, 2);
            service("2026-07").create(request("SBX-INVALID-9", "UPS", "+49 30 1234", "ada@example.com"));
        } finally {
            dev.doorstep.lambda.JsonLog.redirect(System.out);
        }
        assertThat(out.toString()).isNotEmpty().doesNotContain(KEY).doesNotContain("ada@").doesNotContain("+49")
                .doesNotContain("Ada Buyer");
    }
}
