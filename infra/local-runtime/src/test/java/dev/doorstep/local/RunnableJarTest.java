package dev.doorstep.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.doorstep.emulator.ProjectRoot;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The runnable jar, started as {@code infra/bin/doorstep run} starts it ({@code java -jar}), serves a settings
 * save, a signed Shopify webhook and the status page. The other tests run the runtime on the test class path,
 * which has every library; this one found the jar without joda-time, where every request failed. Runs in
 * {@code integration-test}, after {@code package} has built the jar.
 */
class RunnableJarTest {

    private static final String SHOP = "jar-shop.myshopify.com";
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void theJarServesASettingsSaveAWebhookAndTheStatusPage() throws Exception {
        Path jar = Path.of("target", "doorstep-local-runtime.jar").toAbsolutePath();
        assertThat(jar).as("built by package before this phase").exists();
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Path out = Files.createTempFile("doorstep-jar", ".log");
        Process runtime = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString(), "run", "--port", Integer.toString(port), "--function-logs", "stderr"))
                .directory(ProjectRoot.find().toFile()).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        URI base = URI.create("http://localhost:" + port);
        try {
            awaitServing(base, runtime, out);

            HttpResponse<String> saved = http.send(HttpRequest.newBuilder(base.resolve("/shops/" + SHOP + "/settings"))
                    .PUT(HttpRequest.BodyPublishers.ofString("{\"shopCountry\":\"US\"}"))
                    .header("content-type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
            assertThat(saved.statusCode()).as(saved.body() + "\n" + Files.readString(out)).isEqualTo(200);

            HttpResponse<String> webhook = new ShopifyWebhookSender(base, LocalRuntime.DEFAULT_SHOPIFY_SECRET).send(
                    new ShopifyWebhookSender.FulfilledOrder(SHOP, 7001, "#7001", null, null, "US", Instant.now(),
                            "Ada Lovelace", "ada@example.com", "Tea"));
            assertThat(webhook.statusCode()).as(webhook.body() + "\n" + Files.readString(out)).isEqualTo(200);

            String list = http.send(HttpRequest.newBuilder(base.resolve("/shops/" + SHOP + "/review-requests")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            assertThat(list).contains("\"orderId\":\"7001\"").contains("SCHEDULED");
        } finally {
            runtime.destroy(); // SIGTERM: its shutdown hook stops the emulator it started
            if (!runtime.waitFor(20, TimeUnit.SECONDS)) {
                runtime.descendants().forEach(ProcessHandle::destroyForcibly);
                runtime.destroyForcibly();
            }
        }
    }

    private void awaitServing(URI base, Process runtime, Path out) throws Exception {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < until) {
            assertThat(runtime.isAlive()).as("the jar exited:\n" + Files.readString(out)).isTrue();
            try {
                if (http.send(HttpRequest.newBuilder(base.resolve("/_local/clock")).build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode() == 200) {
                    return;
                }
            } catch (java.io.IOException notYet) {
                // still starting
            }
            Thread.sleep(250);
        }
        throw new AssertionError("the jar did not serve within 2 minutes:\n" + Files.readString(out));
    }
}
