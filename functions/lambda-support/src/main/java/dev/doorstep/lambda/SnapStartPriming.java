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
 * samples, no writes, no metrics, nothing a merchant or customer could see. A failing action is logged
 * and ignored: priming only ever makes the snapshot warmer.
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

    /** What a snapshot would run, in registration order: for benchmarks and tests on JVMs without CRaC. */
    public static void runAll() {
        REGISTERED.forEach(p -> p.beforeCheckpoint(null));
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        long started = System.nanoTime();
        try {
            action.run();
            LOG.info("primed before the snapshot", Map.of("function", function,
                    "primingMillis", (System.nanoTime() - started) / 1_000_000));
        } catch (RuntimeException e) {
            LOG.warn("priming failed; the snapshot is taken anyway", Map.of("function", function,
                    "error", e.getClass().getSimpleName()));
        }
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        // Nothing to redo: the SDK replaces connections that did not survive the restore.
    }
}
