package dev.doorstep.lambda;

import java.util.Map;

/**
 * A read the first request will need, started on a background thread during the init phase, so that
 * it runs beside the rest of the init (Lambda gives init its full CPU) instead of in front of the first
 * request. The request still makes the read itself if the prefetch has not finished or failed; the
 * prefetch only ever moves work earlier. A failure is logged by name and otherwise ignored.
 */
public final class InitPrefetch {

    private static final JsonLog LOG = JsonLog.of(InitPrefetch.class);

    private InitPrefetch() {
    }

    /** Starts {@code read} on a daemon thread named after {@code what}; returns that thread. */
    public static Thread start(String function, String what, Runnable read) {
        Thread thread = new Thread(() -> {
            try {
                read.run();
            } catch (RuntimeException e) {
                LOG.warn("init prefetch failed; the first request reads it again", Map.of("function", function,
                        "prefetch", what, "error", e.getClass().getSimpleName()));
            }
        }, "init-prefetch-" + what);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }
}
