package dev.doorstep.aftership;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.doorstep.aftership.sandbox.AfterShipSandbox;
import dev.doorstep.aftership.sandbox.RecordedRequest;
import dev.doorstep.core.model.OrderKey;
import dev.doorstep.core.tracking.TrackingCreated;
import dev.doorstep.core.tracking.TrackingRequest;
import dev.doorstep.core.tracking.TrackingServiceException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** customers/redact reaches AfterShip: DELETE /trackings/{id} over the wire against the sandbox. */
class AfterShipTrackingErasureTest {

    static final AfterShipSandbox SANDBOX = AfterShipSandbox.start();
    static final String SHOP = "demo.myshopify.com";

    final Map<String, ApiKey> keys = new HashMap<>(Map.of(SHOP, new ApiKey("key-demo-erase-0001")));
    final ApiKeys apiKeys = shop -> Optional.ofNullable(keys.get(shop));
    final AfterShipClient client = new AfterShipClient(AfterShipConfig.defaults(SANDBOX.baseUrl())
            .withTimeouts(Duration.ofMillis(500), Duration.ofMillis(20)));
    final AfterShipTrackingErasure erasure = new AfterShipTrackingErasure(client, apiKeys);

    @AfterAll
    static void stop() {
        SANDBOX.close();
    }

    @BeforeEach
    void reset() {
        SANDBOX.reset();
    }

    private String tracking(String number) {
        TrackingCreated created = new AfterShipTrackingService(client, apiKeys, CarrierSlugs.standard())
                .create(new TrackingRequest(new OrderKey(SHOP, "5001"), "#1001", number, "DHL", "DE", "Ada Buyer",
                        "+4915112345678", "ada@example.com", Instant.parse("2026-03-01T10:00:00Z")));
        return ((TrackingCreated.Tracked) created).trackingId();
    }

    @Test
    void theTrackingWithTheCustomersDataIsDeletedAndAgainIsHarmless() {
        String id = tracking("1Z999AA10123456784");
        assertThat(client.getTracking(keys.get(SHOP), id).ok()).isTrue();

        erasure.erase(SHOP, id);
        erasure.erase(SHOP, id); // a redelivered redact: already gone is fine

        assertThat(client.getTracking(keys.get(SHOP), id).status()).isEqualTo(404);
        List<RecordedRequest> deletes = SANDBOX.requests().stream().filter(r -> r.method().equals("DELETE")).toList();
        assertThat(deletes).hasSize(2).allSatisfy(r -> assertThat(r.path()).endsWith("/trackings/" + id));
    }

    @Test
    void aShopWithoutAKeyCannotBeReachedAndAFailureIsThrownForTheRetry() {
        erasure.erase("no-key.myshopify.com", "anything");
        assertThat(SANDBOX.requests()).noneMatch(r -> r.method().equals("DELETE"));

        keys.put(SHOP, new ApiKey("invalid-key-erase-0001")); // the sandbox answers 401 to it
        assertThatThrownBy(() -> erasure.erase(SHOP, "abc")).isInstanceOf(TrackingServiceException.class);
    }
}
