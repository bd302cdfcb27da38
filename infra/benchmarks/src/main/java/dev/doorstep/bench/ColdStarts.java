package dev.doorstep.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Cold start per function: a fresh JVM from launch to the first response, as is and with a JDK 25 AOT
 * cache, against the naive baseline measured in the same rounds. Each round runs every variant once,
 * in turn, so that noise from the rest of the machine falls on all of them alike.
 */
final class ColdStarts {

    /**
     * {@code firstInvoke}: the first request's own time in the plain runs; {@code primedInvoke}: the
     * same after the function's SnapStart priming ran, which is what a restored snapshot pays on top
     * of the restore (not measurable without a CRaC JVM).
     */
    record Row(LambdaFunction function, long jarBytes, Sample plain, Sample aot, Sample init, Sample firstInvoke,
            Sample primedInvoke, String response, int failures) {
    }

    record Result(Sample naive, Sample naiveAot, List<Row> rows) {
    }

    private ColdStarts() {
    }

    static Result measure(Launcher launcher, List<LambdaFunction> functions, int rounds, PrintStream progress) {
        Path aotDir = launcher.work().resolve("aot");
        List<Path> caches = new ArrayList<>();
        for (LambdaFunction f : functions) {
            caches.add(train(launcher, aotDir.resolve(f.name() + ".aot"),
                    cache -> launcher.function(f, List.of("-XX:AOTCacheOutput=" + cache), 1, f.eventFiles(launcher.root()))));
        }
        Path naiveCache = train(launcher, aotDir.resolve("naive.aot"),
                cache -> launcher.naive(List.of("-XX:AOTCacheOutput=" + cache), 1));

        Sample naive = new Sample();
        Sample naiveAot = new Sample();
        List<Sample> plain = new ArrayList<>();
        List<Sample> aot = new ArrayList<>();
        List<Sample> init = new ArrayList<>();
        List<Sample> firstInvoke = new ArrayList<>();
        List<Sample> primedInvoke = new ArrayList<>();
        String[] responses = new String[functions.size()];
        int[] failures = new int[functions.size()];
        for (int i = 0; i < functions.size(); i++) {
            plain.add(new Sample());
            aot.add(new Sample());
            init.add(new Sample());
            firstInvoke.add(new Sample());
            primedInvoke.add(new Sample());
        }
        for (int round = 1; round <= rounds; round++) {
            progress.printf("cold start round %d/%d%n", round, rounds);
            add(naive, launcher.naive(List.of(), 1));
            if (naiveCache != null) {
                add(naiveAot, launcher.naive(List.of("-XX:AOTCache=" + naiveCache), 1));
            }
            for (int i = 0; i < functions.size(); i++) {
                LambdaFunction f = functions.get(i);
                ChildJvm.Result r = launcher.function(f, List.of(), 1, f.eventFiles(launcher.root()));
                if (!add(plain.get(i), r)) {
                    failures[i]++;
                }
                init.get(i).add(r.initMillis());
                firstInvoke.get(i).add(r.invokeMillis());
                ChildJvm.Result primed = launcher.function(f, List.of("-Dbench.prime=true"), 1,
                        f.eventFiles(launcher.root()));
                if (primed.exitCode() == 0) {
                    primedInvoke.get(i).add(primed.invokeMillis());
                }
                responses[i] = r.response();
                if (caches.get(i) != null) {
                    ChildJvm.Result cached = launcher.function(f, List.of("-XX:AOTCache=" + caches.get(i)), 1,
                            f.eventFiles(launcher.root()));
                    add(aot.get(i), cached);
                    progress.printf("  %s: %.0f ms (init %.0f, first request %.0f); with AOT cache %.0f ms "
                            + "(init %.0f, first request %.0f)%n", f.name(), r.coldStartMillis(), r.initMillis(),
                            r.invokeMillis(), cached.coldStartMillis(), cached.initMillis(), cached.invokeMillis());
                }
            }
        }
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < functions.size(); i++) {
            LambdaFunction f = functions.get(i);
            rows.add(new Row(f, size(f.jar(launcher.root())), plain.get(i), aot.get(i), init.get(i), firstInvoke.get(i),
                    primedInvoke.get(i), responses[i],
                    failures[i]));
        }
        return new Result(naive, naiveAot, rows);
    }

    private static boolean add(Sample sample, ChildJvm.Result r) {
        if (r.exitCode() != 0 || Double.isNaN(r.coldStartMillis())) {
            return false;
        }
        sample.add(r.coldStartMillis());
        return true;
    }

    /** The AOT training run: one invocation with -XX:AOTCacheOutput; null when the JDK made no cache. */
    private static Path train(Launcher launcher, Path cache, java.util.function.Function<Path, ChildJvm.Result> run) {
        try {
            Files.createDirectories(cache.getParent());
            Files.deleteIfExists(cache);
            run.apply(cache);
            return Files.isRegularFile(cache) ? cache : null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return -1;
        }
    }
}
