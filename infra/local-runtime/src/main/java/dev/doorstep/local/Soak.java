package dev.doorstep.local;

import com.fasterxml.jackson.databind.JsonNode;
import dev.doorstep.emulator.MotoServer;
import dev.doorstep.lambda.Json;
import dev.doorstep.local.ShopifyWebhookSender.FulfilledOrder;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The soak of issue 18: one local runtime, served in step as {@code doorstep run} serves it, takes
 * orders across 16 shops day after day while the clock moves a day at a time, the way a scenario
 * session does for hours. Every simulated day it samples the emulator's resident memory (from
 * /proc) and what one webhook and one day's clock move cost, so that growth shows as a slope.
 * On demand: {@code infra/bin/doorstep soak [orders] [days]} (default 5,000 orders, 365 days);
 * {@code SoakTest} runs a small one in CI.
 */
final class Soak {

    /** One simulated day: orders so far, the emulator's RSS, and the mean cost of its requests. */
    record Sample(int day, int orders, long motoRssKb, double webhookMillis, double dayMillis) {
    }

    record Result(List<Sample> samples, long emails, int ttlTracked, int schedulesPending) {

        Sample first() {
            return samples.getFirst();
        }

        Sample last() {
            return samples.getLast();
        }

        /** The sample at {@code fraction} of the run (0.25: a quarter in). */
        Sample at(double fraction) {
            return samples.get(Math.min(samples.size() - 1, (int) (samples.size() * fraction)));
        }

        /** Mean webhook time over the samples from {@code from} to {@code to} (fractions of the run). */
        double webhookMillis(double from, double to) {
            List<Sample> part = samples.subList((int) (samples.size() * from), Math.max((int) (samples.size() * to),
                    (int) (samples.size() * from) + 1));
            return part.stream().mapToDouble(Sample::webhookMillis).average().orElse(0);
        }

        double dayMillis(double from, double to) {
            List<Sample> part = samples.subList((int) (samples.size() * from), Math.max((int) (samples.size() * to),
                    (int) (samples.size() * from) + 1));
            return part.stream().mapToDouble(Sample::dayMillis).average().orElse(0);
        }
    }

    static final int SHOPS = 16;

    private Soak() {
    }

    static Result run(LocalRuntime runtime, int shops, int orders, int days, java.io.PrintStream progress)
            throws Exception {
        URI base = URI.create("http://localhost:" + runtime.port());
        HttpClient http = HttpClient.newHttpClient();
        ShopifyWebhookSender webhooks = new ShopifyWebhookSender(base, LocalRuntime.DEFAULT_SHOPIFY_SECRET);
        for (int s = 0; s < shops; s++) {
            String body = "{\"aftershipEnabled\":true,\"aftershipApiKey\":\"soak-key-" + s + "\",\"shopCountry\":\"US\"}";
            HttpResponse<String> saved = http.send(HttpRequest.newBuilder(base.resolve("/shops/" + shop(s) + "/settings"))
                    .PUT(HttpRequest.BodyPublishers.ofString(body)).header("content-type", "application/json").build(),
                    HttpResponse.BodyHandlers.ofString());
            check(saved, "settings of " + shop(s));
        }
        long pid = ((MotoServer) runtime.aws().emulator).pid();
        List<Sample> samples = new ArrayList<>();
        int sent = 0;
        for (int day = 1; day <= days; day++) {
            int today = orders * day / days - sent;
            long started = System.nanoTime();
            for (int i = 0; i < today; i++) {
                int n = sent + i;
                check(webhooks.send(order(n, shops, runtime)), "webhook " + n);
            }
            double webhookMillis = today == 0 ? 0 : (System.nanoTime() - started) / 1e6 / today;
            sent += today;
            long moved = System.nanoTime();
            HttpResponse<String> advanced = http.send(HttpRequest.newBuilder(base.resolve("/_local/clock/advance?by=P1D"))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            check(advanced, "advance");
            double dayMillis = (System.nanoTime() - moved) / 1e6;
            Sample sample = new Sample(day, sent, rssKb(pid), webhookMillis, dayMillis);
            samples.add(sample);
            if (progress != null && (day % Math.max(1, days / 20) == 0 || day == days)) {
                progress.printf("day %4d  orders %5d  moto RSS %7.1f MB  webhook %6.1f ms  day's clock move %7.1f ms%n",
                        day, sent, sample.motoRssKb() / 1024.0, webhookMillis, dayMillis);
            }
        }
        HttpResponse<String> mail = http.send(HttpRequest.newBuilder(base.resolve("/_local/emails")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode emails = Json.MAPPER.readTree(mail.body());
        return new Result(samples, emails.size(), runtime.ttlTracked(), runtime.schedulesPending());
    }

    /** Order n: a third delivered at the first poll, a third never delivered (the fallback), a third untracked. */
    private static FulfilledOrder order(int n, int shops, LocalRuntime runtime) {
        String tracking = switch (n % 3) {
            case 0 -> "1ZSOAK" + n;
            case 1 -> "9400SOAKTRANSIT" + n;
            default -> null;
        };
        return new FulfilledOrder(shop(n % shops), 100_000 + n, "#" + (100_000 + n), tracking,
                tracking == null ? null : "UPS", "US", runtime.now(), "Soak Buyer", "soak-" + n + "@example.com",
                "Trail Running Shoe");
    }

    static String shop(int s) {
        return "soak-shop-" + s + ".myshopify.com";
    }

    private static void check(HttpResponse<String> response, String what) {
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(what + " answered " + response.statusCode() + ": " + response.body());
        }
    }

    /** The resident memory of a process, from /proc (Linux). */
    static long rssKb(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IllegalStateException("no VmRSS for process " + pid);
    }

    /** {@code doorstep soak [orders] [days]}: function logs go to a temp file, the samples to stdout. */
    public static void main(String[] args) throws Exception {
        int orders = args.length > 0 ? Integer.parseInt(args[0]) : 5_000;
        int days = args.length > 1 ? Integer.parseInt(args[1]) : 365;
        Path logs = Files.createTempFile("doorstep-soak-functions-", ".jsonl");
        FunctionLogs.redirect(logs);
        System.out.println("soak: " + orders + " orders across " + SHOPS + " shops over " + days
                + " simulated days; function logs in " + logs);
        long started = System.nanoTime();
        try (LocalRuntime runtime = LocalRuntime.start(0, LocalRuntime.DEFAULT_SHOPIFY_SECRET, Story.silent(), System.getenv())) {
            Result r = run(runtime, SHOPS, orders, days, System.out);
            System.out.printf("soak done in %s: moto RSS %.1f MB at day %d, %.1f MB at the end (%+.1f KB per order"
                    + " after the first quarter); webhook %.1f ms in the first quarter, %.1f ms in the last; a day's"
                    + " clock move %.1f ms then %.1f ms; %d emails kept, %d TTL items and %d schedules pending%n",
                    Duration.ofNanos(System.nanoTime() - started).withNanos(0),
                    r.at(0.25).motoRssKb() / 1024.0, r.at(0.25).day(), r.last().motoRssKb() / 1024.0,
                    (r.last().motoRssKb() - r.at(0.25).motoRssKb()) / (double) Math.max(1, r.last().orders() - r.at(0.25).orders()),
                    r.webhookMillis(0, 0.25), r.webhookMillis(0.75, 1), r.dayMillis(0, 0.25), r.dayMillis(0.75, 1),
                    r.emails(), r.ttlTracked(), r.schedulesPending());
        }
        System.exit(0);
    }
}
