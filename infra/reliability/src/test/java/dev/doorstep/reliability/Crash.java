package dev.doorstep.reliability;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * A crash injected into the pipeline: every port call is two steps (just before it, and just after it
 * took effect), and when armed at step N the call at that step throws, as a function dying there would.
 * "After" crashes are the nasty ones: the write happened, and the function never learns it did.
 */
final class Crash {

    /** What a dying function looks like to its caller. */
    static final class Injected extends RuntimeException {
        Injected(int step, String where) {
            super("injected crash at step " + step + " (" + where + ")", null, false, false);
        }
    }

    private final AtomicInteger steps = new AtomicInteger();
    private final java.util.List<String> names = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
    private volatile int at = -1;
    private volatile String where;

    void arm(int step) {
        steps.set(0);
        at = step;
        where = null;
    }

    void disarm() {
        at = -1;
    }

    int steps() {
        return steps.get();
    }

    /** The name of every step taken so far, in order (step N is {@code names().get(N - 1)}). */
    java.util.List<String> names() {
        return java.util.List.copyOf(names);
    }

    /** Where the armed crash happened, or null if the run never reached its step. */
    String where() {
        return where;
    }

    <T> T call(String port, Supplier<T> call) {
        step(port + " (before)");
        T result = call.get();
        step(port + " (after)");
        return result;
    }

    void run(String port, Runnable call) {
        call(port, () -> {
            call.run();
            return null;
        });
    }

    private void step(String name) {
        int n = steps.incrementAndGet();
        names.add(name);
        if (n == at) {
            where = name;
            throw new Injected(n, name);
        }
    }
}
