package dev.doorstep.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.doorstep.emulator.ProjectRoot;
import dev.doorstep.shopify.standin.StandInFulfillment;
import dev.doorstep.shopify.standin.StandInOrder;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The merchant's page in a real browser: Debian's headless Chromium, driven by playwright-core
 * (infra/merchant-page-browser), against this local runtime at /admin. The shop is installed by session
 * token and two orders are fulfilled first (a third only in Shopify, before the install); the script sees the
 * backfill offered, switches AfterShip on (bad key, good key), takes the third order in through the offer,
 * refuses a bad value of each timing setting, then two bad fields in one save (both shown at once, cleared
 * by the good save after), types an email subject and sees the preview the server writes for it (the sender's
 * composer, debounced, nothing saved), finds an order by name and reads its timeline, sends it
 * now (exactly one email), and is refused with another shop's token. Screenshots of the settings and the
 * list go to target/screenshots (with {@code DOORSTEP_SCREENSHOTS=docs}: to docs/, where they are kept).
 *
 * <p>{@code bash infra/merchant-page-browser/setup.sh} installs Chromium and the script's package
 * (.ci/run and {@code infra/bin/doorstep test} run it).
 */
class MerchantPageBrowserTest {

    private static final Path BROWSER = ProjectRoot.find().resolve("infra/merchant-page-browser");
    private static LocalRuntime runtime;

    @BeforeAll
    static void start() throws Exception {
        runtime = LocalRuntime.start(0, LocalRuntime.DEFAULT_SHOPIFY_SECRET);
        Demo shop = new Demo(runtime, LocalRuntime.DEFAULT_SHOPIFY_SECRET,
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        shop.install();
        // In Shopify only, fulfilled before the install: the backfill the page offers takes it in.
        runtime.shopify().orElseThrow().putOrder(Demo.SHOP, new StandInOrder("4103", "#4103", "alan@example.com",
                "c4103", "Alan", "Turing", "US", runtime.now().minus(Duration.ofDays(3)), List.of(
                        new StandInFulfillment("f4103", runtime.now().minus(Duration.ofDays(3)), "SUCCESS", null, null)),
                List.of()));
        // No tracking numbers: both are timed from fulfillment at once ("Will send" in 7 days).
        shop.webhook(new ShopifyWebhookSender.FulfilledOrder(Demo.SHOP, 4101, "#4101", null, null, "US",
                runtime.now(), "Ada Lovelace", "ada@example.com", "Trail Running Shoe"));
        shop.webhook(new ShopifyWebhookSender.FulfilledOrder(Demo.SHOP, 4102, "#4102", null, null, "US",
                runtime.now(), "Grace Hopper", "grace@example.com", "Merino Socks"));
    }

    @AfterAll
    static void stop() {
        runtime.close();
    }

    @Test
    void aMerchantSetsUpDoorstepAndSendsOneRequestNowInHeadlessChromium() throws Exception {
        Path chromium = Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));
        assertThat(chromium).as("Chromium; run: bash infra/merchant-page-browser/setup.sh").exists();
        assertThat(BROWSER.resolve("node_modules/playwright-core"))
                .as("the script's package; run: bash infra/merchant-page-browser/setup.sh").exists();
        // Screenshots go to target/ on every run; DOORSTEP_SCREENSHOTS=docs refreshes the ones kept in docs/.
        Path docs = "docs".equals(System.getenv("DOORSTEP_SCREENSHOTS")) ? ProjectRoot.find().resolve("docs")
                : Files.createDirectories(Path.of("target", "screenshots")).toAbsolutePath();
        Path log = Files.createTempFile("merchant-page-browser", ".log");

        Process node = new ProcessBuilder(List.of("node", "merchant-page.test.mjs", "http://localhost:" + runtime.port(),
                Demo.SHOP, "#4102", docs.toString())).directory(BROWSER.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        boolean finished = node.waitFor(120, TimeUnit.SECONDS);
        if (!finished) {
            node.destroyForcibly();
        }
        String output = Files.readString(log);
        System.out.println(output);

        assertThat(finished).as("the browser run ended within 2 minutes:\n" + output).isTrue();
        assertThat(node.exitValue()).as(output).isZero();
        assertThat(output).contains("steps passed");
        assertThat(docs.resolve("merchant-page-settings.png")).isNotEmptyFile();
        assertThat(docs.resolve("merchant-page-requests.png")).isNotEmptyFile();
    }
}
