package dev.doorstep.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * The results as markdown: the part of docs/benchmarks.md between the {@code bench:begin} and
 * {@code bench:end} markers is replaced by each run; the notes around it are written by people.
 */
final class Report {

    static final String BEGIN = "<!-- bench:begin (written by infra/bin/bench; edit outside the markers) -->";
    static final String END = "<!-- bench:end -->";
    private static final double MB = 1024 * 1024;

    private final StringBuilder md = new StringBuilder();

    Report header(String command, String loadBefore, String loadAfter) {
        line("Run `" + command + "` on " + DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(
                ZonedDateTime.now(ZoneOffset.UTC).withNano(0)) + " UTC.");
        line("");
        line("- Machine: " + Machine.describe());
        line("- JVM: " + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
                + "; child JVMs run with Lambda's java25 flags `" + String.join(" ", ChildJvm.LAMBDA_FLAGS) + "`");
        line("- Load average (1 min) before/after: " + loadBefore + " / " + loadAfter
                + " (other builds share this machine; every figure is a median with its spread)");
        line("- Emulator: moto server on loopback; AfterShip: the sandbox (infra/aftership-sandbox)");
        line("");
        return this;
    }

    Report coldStarts(ColdStarts.Result r) {
        double naive = r.naive().median();
        line("### 1. Cold start (fresh JVM to first response), ms");
        line("");
        line("Baseline: a fresh JVM doing one DynamoDB PutItem with `DynamoDbClient.create()` (the SDK's default "
                + "Apache 5 HTTP client, default region and credential chains, no AOT cache, no priming), "
                + "measured in the same rounds: **" + r.naive().describe("%.0f") + "**; with an AOT cache: "
                + r.naiveAot().describe("%.0f") + ".");
        line("");
        line("| function | Lambda jar | cold start | ratio | with AOT cache | ratio | init (constructor) "
                + "| first request | first request after SnapStart priming | first response |");
        line("|---|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        for (ColdStarts.Row row : r.rows()) {
            line("| " + row.function().name() + " | " + fmt("%.1f MB", row.jarBytes() / MB) + " | "
                    + row.plain().describe("%.0f") + " | " + ratio(row.plain().median(), naive) + " | "
                    + row.aot().describe("%.0f") + " | " + ratio(row.aot().median(), naive) + " | "
                    + fmt("%.0f", row.init().median()) + " | " + fmt("%.0f", row.firstInvoke().median()) + " | "
                    + fmt("%.0f", row.primedInvoke().median()) + " | `" + cell(row.response())
                    + (row.failures() > 0 ? " (" + row.failures() + " failed runs)" : "") + "` |");
        }
        ColdStarts.Row webhook = r.rows().stream().filter(x -> x.function().isShopifyWebhook()).findFirst().orElse(null);
        if (webhook != null) {
            double best = Math.min(webhook.plain().median(), Double.isNaN(webhook.aot().median())
                    ? Double.MAX_VALUE : webhook.aot().median());
            line("");
            line("Target: ShopifyWebhookFunction at most 0.5x the baseline. As shipped: "
                    + ratio(webhook.plain().median(), naive) + "; with the AOT cache: "
                    + ratio(webhook.aot().median(), naive) + " -> **" + (best / naive <= 0.5 ? "met" : "not met") + "**.");
        }
        line("");
        return this;
    }

    Report bursts(Bursts.Result r) {
        double ratio = r.webhookPerSecond().median() / r.putItemPerSecond().median();
        line("### 3. Warm webhook throughput (one container, " + r.burstSize() + " invocations, -Xmx256m), invocations/s");
        line("");
        line("| | per second | ratio |");
        line("|---|---:|---:|");
        double small = r.smallPutItemPerSecond().median();
        line("| bare SDK PutItem loop writing the webhook's own order item (baseline) | "
                + r.putItemPerSecond().describe("%.1f") + " | 1.00x |");
        line("| bare SDK PutItem loop writing a three-attribute item | " + r.smallPutItemPerSecond().describe("%.1f")
                + " | " + fmt("%.2fx", small / r.putItemPerSecond().median()) + " |");
        line("| ShopifyWebhookFunction, distinct signed orders/fulfilled | " + r.webhookPerSecond().describe("%.1f")
                + " | " + fmt("%.2fx", ratio) + " (" + fmt("%.2fx", r.webhookPerSecond().median() / small)
                + " the three-attribute loop) |");
        line("");
        double webhookCalls = totalCalls(r.webhookCalls()) / r.burstSize();
        line("Target at least 0.8x: **" + (ratio >= 0.8 ? "met" : "not met") + "**. AWS calls in the burst ("
                + r.burstSize() + " invocations): webhook `" + r.webhookCalls() + "`; baseline `" + r.naiveCalls()
                + "`. One webhook makes " + fmt("%.1f", webhookCalls) + " AWS calls where the baseline makes 1, so per "
                + "AWS call the webhook runs at " + fmt("%.2fx", ratio * webhookCalls) + " the bare loop's rate.");
        line("");
        line("### 4. Heap high-water mark under a burst (" + r.burstSize() + " invocations, -Xmx256m)");
        line("");
        line("| function | heap peak | within 256 MB | exit |");
        line("|---|---:|---|---:|");
        line("| naive baseline (PutItem loop) | " + fmt("%.1f MB", r.naiveHeapPeak() / MB) + " | "
                + (r.naiveHeapPeak() <= 256 * MB ? "yes" : "no") + " | 0 |");
        for (Bursts.Heap h : r.heaps()) {
            line("| " + h.function().name() + " | " + fmt("%.1f MB", h.peakBytes() / MB) + " | "
                    + (h.peakBytes() <= 256 * MB && h.exitCode() == 0 ? "yes" : "no") + " | " + h.exitCode() + " |");
        }
        line("");
        line("Heap peak is the sum of each heap pool's peak use (an upper bound: pools peak at different times).");
        line("");
        return this;
    }

    Report pollCost(List<PollCost.Result> results) {
        line("### 2. Poll cost (one 12-hourly cycle through ShopPoll and the AfterShip adapter, sandbox at AfterShip's documented rate limits)");
        line("");
        line("| scenario | waiting orders | shops | changed | AfterShip requests | naive (one GET per order) | ratio | items read | items read per changed order | GetItem / Query / Scan | wall time |");
        line("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (PollCost.Result r : results) {
            PollCost.Scenario s = r.scenario();
            line("| " + s.name() + " | " + fmt("%,d", s.orders()) + " | " + fmt("%,d", s.shops()) + " | "
                    + fmt("%,d", r.changed()) + " | " + fmt("%,d", r.afterShipRequests()) + " | " + fmt("%,d", s.orders())
                    + " | " + fmt("%.4fx", (double) r.afterShipRequests() / s.orders()) + " | "
                    + fmt("%,d", r.itemsRead()) + " | " + fmt("%.2f", r.itemsPerDueItem()) + " | "
                    + fmt("%,d", r.getItems()) + " / " + fmt("%,d", r.queries()) + " / " + fmt("%,d", r.scans()) + " | " + fmt("%.1f s", r.wallSeconds())
                    + (r.problems().isEmpty() ? "" : " (" + r.problems().size() + " incomplete: " + cell(r.problems().getFirst()) + ")")
                    + " |");
        }
        line("");
        line("Target: at most 200 AfterShip requests per cycle for 100,000 waiting orders across 1,000 shops. "
                + "Polling reads one list page per AfterShip account, so with one account per shop and every shop "
                + "polled each cycle 1,000 is the floor. When a shop's AfterShip webhooks arrive, its poll is a "
                + "safety net every 60 hours (PollCadence), so in steady state one shop in five is polled per cycle: "
                + "the webhook row. Its changes arrive by webhook; its items-read figures cover the polled fifth only.");
        line("");
        return this;
    }

    /** The sum of the counts in an AwsCallCounter summary. */
    static double totalCalls(String summary) {
        double total = 0;
        for (String part : summary.trim().split("\\s+")) {
            int eq = part.indexOf('=');
            if (eq > 0) {
                total += Double.parseDouble(part.substring(eq + 1));
            }
        }
        return total;
    }

    String markdown() {
        return md.toString();
    }

    /** Replaces the generated part of {@code file}, or writes the file with just that part. */
    void writeInto(Path file) throws IOException {
        String generated = BEGIN + "\n" + md + END;
        String text = Files.exists(file) ? Files.readString(file) : "# Benchmarks\n\n" + BEGIN + "\n" + END + "\n";
        int from = text.indexOf(BEGIN);
        int to = text.indexOf(END);
        if (from < 0 || to < from) {
            text = text + "\n" + generated + "\n";
        } else {
            text = text.substring(0, from) + generated + text.substring(to + END.length());
        }
        Files.writeString(file, text);
    }

    private void line(String s) {
        md.append(s).append('\n');
    }

    private static String ratio(double value, double baseline) {
        return Double.isNaN(value) ? "n/a" : fmt("%.2fx", value / baseline);
    }

    private static String cell(String s) {
        String t = s.replace("|", "\\|").replace("`", "'");
        return t.length() > 70 ? t.substring(0, 70) + "..." : t;
    }

    static String fmt(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }

    static String loadAverage() {
        return fmt("%.2f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }
}
