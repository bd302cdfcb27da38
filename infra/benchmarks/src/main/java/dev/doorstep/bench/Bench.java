package dev.doorstep.bench;

import dev.doorstep.aftership.sandbox.AfterShipSandbox;
import dev.doorstep.emulator.AwsEmulator;
import dev.doorstep.emulator.AwsEmulators;
import dev.doorstep.emulator.ProjectRoot;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * The benchmark run behind {@code infra/bin/bench}: cold starts, poll cost, warm throughput and heap,
 * each against a baseline measured in the same run. Prints the tables and, unless {@code --no-write},
 * puts them into docs/benchmarks.md.
 *
 * <p>Options: {@code --quick} (fewer rounds, a tenth of the poll), {@code --only cold,poll,burst},
 * {@code --no-write}.
 */
public final class Bench {

    static final String WEBHOOK_SCENARIO = "one account per shop, AfterShip webhooks arriving (steady state)";

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        List<String> options = Arrays.asList(args);
        boolean quick = options.contains("--quick");
        Set<String> only = Set.of("cold", "poll", "burst");
        int at = options.indexOf("--only");
        if (at >= 0 && at + 1 < options.size()) {
            only = Set.of(options.get(at + 1).split(","));
        }
        PrintStream progress = System.err;
        Path root = ProjectRoot.find();
        String loadBefore = Report.loadAverage();

        int coldRounds = quick ? 2 : 7;
        int burstSize = Integer.getInteger("bench.burstSize", quick ? 40 : 200);
        int burstRounds = quick ? 1 : 3;
        List<PollCost.Scenario> scenarios = quick
                ? List.of(new PollCost.Scenario("one AfterShip account per shop", 100, 100, 0.05, false),
                        new PollCost.Scenario(WEBHOOK_SCENARIO, 100, 100, 0.05, false, true),
                        new PollCost.Scenario("all shops share one account", 10, 100, 0.05, true))
                : List.of(new PollCost.Scenario("one AfterShip account per shop", 1_000, 100, 0.05, false),
                        new PollCost.Scenario(WEBHOOK_SCENARIO, 1_000, 100, 0.05, false, true),
                        new PollCost.Scenario("all shops share one account", 20, 100, 0.05, true));

        Report report = new Report();
        AwsEmulator emulator = AwsEmulators.shared();
        try (AfterShipSandbox sandbox = AfterShipSandbox.start()) {
            BenchAccount account = new BenchAccount(emulator, sandbox.baseUrl());
            Launcher launcher = Launcher.find(root, account);
            ColdStarts.Result cold = null;
            Bursts.Result bursts = null;
            List<PollCost.Result> polls = new ArrayList<>();
            if (only.contains("cold")) {
                cold = ColdStarts.measure(launcher, LambdaFunction.named(System.getProperty("bench.functions")),
                        Integer.getInteger("bench.coldRounds", coldRounds), progress);
            }
            if (only.contains("poll")) {
                for (PollCost.Scenario s : scenarios) {
                    polls.add(PollCost.measure(sandbox, s, PollCost::inMemory, 16, progress));
                }
                // moto copies its tables on every transaction, so the wire check stays small.
                PollCost.Scenario wire = new PollCost.Scenario("one account per shop, on DynamoDB (moto)", 4, 50,
                        0.1, false);
                polls.add(PollCost.measure(sandbox, wire, () -> PollCost.onDynamoDb(emulator), 4, progress));
                sandbox.reset();
            }
            if (only.contains("burst")) {
                bursts = Bursts.measure(launcher, LambdaFunction.ALL, burstSize, burstRounds, progress);
            }
            String command = "infra/bin/bench" + (quick ? " --quick" : "");
            report.header(command, loadBefore, Report.loadAverage());
            if (cold != null) {
                report.coldStarts(cold);
            }
            if (!polls.isEmpty()) {
                report.pollCost(polls);
            }
            if (bursts != null) {
                report.bursts(bursts);
            }
        }
        System.out.println(report.markdown());
        if (!options.contains("--no-write")) {
            Path file = root.resolve("docs/benchmarks.md");
            report.writeInto(file);
            progress.println("results written into " + file);
        }
        System.exit(0);
    }
}
