package dev.doorstep.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The burst command in small: webhooks served concurrently while the stream is read in the
 * background, every order stored once, and the stream's work (tracking creation) done too.
 */
class BurstTest {

    @Test
    void aConcurrentBurstStoresEveryOrderOnceAndTheStreamCatchesUp() throws Exception {
        try (LocalRuntime runtime = LocalRuntime.startConcurrent(0, LocalRuntime.DEFAULT_SHOPIFY_SECRET)) {
            Burst.Result result = Burst.run(runtime, 60, 8);

            assertThat(result.accepted()).isEqualTo(60);
            assertThat(result.rejected()).isZero();
            assertThat(result.stored()).isEqualTo(60);
            assertThat(result.ok()).isTrue();
            // Half the orders carry a tracking number: the background stream poller creates their trackings.
            Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
            while (runtime.sandbox().orElseThrow().trackingIds().size() < 30 && Instant.now().isBefore(deadline)) {
                Thread.sleep(200);
            }
            assertThat(runtime.sandbox().orElseThrow().trackingIds().size()).isEqualTo(30);
        }
    }
}
