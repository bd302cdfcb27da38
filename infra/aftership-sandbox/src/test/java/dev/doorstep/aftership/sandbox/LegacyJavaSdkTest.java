package dev.doorstep.aftership.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.aftership.sdk.AfterShip;
import com.aftership.sdk.exception.AftershipException;
import com.aftership.sdk.model.AftershipOption;
import com.aftership.sdk.model.tracking.NewTracking;
import com.aftership.sdk.model.tracking.SlugTrackingNumber;
import com.aftership.sdk.model.tracking.Tracking;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The sandbox answers AfterShip's own legacy Java SDK ({@code com.aftership:aftership-sdk} 2.0.7, v4 API)
 * as AfterShip does. That SDK sends {@code slug} as an array (v4: "the courier, or the couriers to detect
 * among"); a sandbox that read only a string slug stored an auto-detected courier instead, and the SDK's own
 * GET by slug and number then answered 404 4004.
 */
class LegacyJavaSdkTest {

    final AfterShipSandbox sandbox = AfterShipSandbox.start();
    final AfterShip sdk;

    LegacyJavaSdkTest() {
        AftershipOption option = new AftershipOption();
        option.setEndpoint(sandbox.baseUrl() + "/v4");
        sdk = new AfterShip("sdk-key-0001", option);
    }

    @AfterEach
    void stop() throws Exception {
        sdk.shutdown();
        sandbox.close();
    }

    static NewTracking tracking(String number, String... slugs) {
        NewTracking t = new NewTracking();
        t.setTrackingNumber(number);
        t.setSlug(slugs);
        t.setOrderId("5551234");
        return t;
    }

    @Test
    void aTrackingCreatedWithTheSdksSlugArrayIsFoundAgainBySlugAndNumberAndById() throws Exception {
        Tracking created = sdk.getTrackingEndpoint().createTracking(tracking("1Z999AA10123456784", "ups"));

        assertThat(created.getSlug()).isEqualTo("ups");
        assertThat(created.getTrackingNumber()).isEqualTo("1Z999AA10123456784");
        assertThat(created.getOrderId()).isEqualTo("5551234");
        Tracking bySlug = sdk.getTrackingEndpoint()
                .getTracking(new SlugTrackingNumber("ups", "1Z999AA10123456784"), null);
        assertThat(bySlug.getId()).isEqualTo(created.getId());
        assertThat(sdk.getTrackingEndpoint().getTracking(created.getId(), null).getSlug()).isEqualTo("ups");
    }

    @Test
    void severalSlugsAreTheCouriersToDetectAmong() throws Exception {
        Tracking created = sdk.getTrackingEndpoint().createTracking(tracking("1Z999AA10123456785", "fedex", "ups"));

        assertThat(created.getSlug()).isIn("fedex", "ups");
        assertThat(sdk.getTrackingEndpoint().getTracking(
                new SlugTrackingNumber(created.getSlug(), "1Z999AA10123456785"), null).getId())
                .isEqualTo(created.getId());
    }

    @Test
    void theSameSlugAndNumberAgainIs4003AndAnUnknownOneIs4004() throws Exception {
        sdk.getTrackingEndpoint().createTracking(tracking("1Z999AA10123456786", "ups"));

        assertThatThrownBy(() -> sdk.getTrackingEndpoint().createTracking(tracking("1Z999AA10123456786", "ups")))
                .isInstanceOfSatisfying(AftershipException.class, e -> assertThat(e.getCode()).isEqualTo(4003));
        assertThatThrownBy(() -> sdk.getTrackingEndpoint()
                .getTracking(new SlugTrackingNumber("ups", "1Z000NOTHERE0"), null))
                .isInstanceOfSatisfying(AftershipException.class, e -> assertThat(e.getCode()).isEqualTo(4004));
    }
}
