package dev.doorstep.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class InitPrefetchTest {

    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();

    @AfterEach
    void restore() {
        JsonLog.redirect(System.out);
    }

    @Test
    void runsTheReadOnADaemonThreadBesideTheCaller() throws Exception {
        CountDownLatch callerWaiting = new CountDownLatch(1);
        CountDownLatch read = new CountDownLatch(1);

        Thread thread = InitPrefetch.start("TestFunction", "secret", () -> {
            try {
                // Finishes only once the caller has moved on: it never ran on the caller's thread.
                callerWaiting.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            read.countDown();
        });
        callerWaiting.countDown();

        assertThat(read.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(thread.isDaemon()).as("never keeps a JVM alive").isTrue();
        assertThat(thread.getName()).isEqualTo("init-prefetch-secret");
    }

    @Test
    void aFailedReadIsLoggedByNameWithoutItsMessage() throws Exception {
        JsonLog.redirect(new PrintStream(captured, true, StandardCharsets.UTF_8));

        InitPrefetch.start("TestFunction", "secret", () -> {
            throw new IllegalStateException("secret text that must not be logged");
        }).join(5_000);

        JsonNode line = Json.MAPPER.readTree(captured.toString(StandardCharsets.UTF_8).strip());
        assertThat(line.path("level").asText()).isEqualTo("WARN");
        assertThat(line.path("prefetch").asText()).isEqualTo("secret");
        assertThat(line.path("error").asText()).isEqualTo("IllegalStateException");
        assertThat(captured.toString(StandardCharsets.UTF_8)).doesNotContain("secret text");
    }
}
