package dev.doorstep.lambda;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;

/**
 * Work a function does once before Lambda SnapStart snapshots its initialised container, so that every
 * copy restored from the snapshot starts with its classes loaded, its code paths warmed and its
 * clients' first-call set-up done, instead of paying for them on the first request.
 *
 * <p>A priming action must be safe to run at deployment time: reads that cannot hit, parsing of built-in
 * samples, no writes, nothing a merchant or customer could see. A failing action does not stop the
 * snapshot (priming only ever makes it warmer), but it is never silent: it logs an error and counts
 * {@code PrimingFailed}, because a priming read that cannot reach AWS (no credentials, no permission)
 * means the function's first real request will fail the same way.
 */
public final class SnapStartPriming implements Resource {

    private static final JsonLog LOG = JsonLog.of(SnapStartPriming.class);
    /** org.crac keeps only weak references to its resources. */
    private static final List<SnapStartPriming> REGISTERED = new CopyOnWriteArrayList<>();

    private final String function;
    private final Runnable action;

    private SnapStartPriming(String function, Runnable action) {
        this.function = function;
        this.action = action;
    }

    /** Runs {@code action} before the snapshot (on a JVM without CRaC, never, unless {@link #runAll}). */
    public static void register(String function, Runnable action) {
        SnapStartPriming priming = new SnapStartPriming(function, action);
        REGISTERED.add(priming);
        Core.getGlobalContext().register(priming);
    }

    /**
     * What a snapshot would run, in registration order: for benchmarks, tests and the contract suite on
     * JVMs without CRaC. Answers whether every action succeeded.
     */
    public static boolean runAll() {
        boolean allPrimed = true;
        for (SnapStartPriming priming : REGISTERED) {
            allPrimed &= priming.prime();
        }
        return allPrimed;
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        prime();
    }

    private boolean prime() {
        long started = System.nanoTime();
        try {
            action.run();
            LOG.info("primed before the snapshot", Map.of("function", function,
                    "primingMillis", (System.nanoTime() - started) / 1_000_000));
            return true;
        } catch (RuntimeException | LinkageError e) {
            LOG.error("priming failed; the snapshot is taken anyway, and requests will likely fail the same way",
                    Map.of("function", function), e);
            Metrics.forFunction(function).count("PrimingFailed");
            return false;
        }
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        // Nothing to redo: the SDK replaces connections that did not survive the restore.
    }
}
