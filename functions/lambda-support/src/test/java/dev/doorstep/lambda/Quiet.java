package dev.doorstep.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * For tests of code that must print nothing (SnapStart priming runs at deployment time): runs it with
 * {@link JsonLog} and {@link Metrics} captured, and fails if a line came out. Shared with the function
 * modules through this module's test jar.
 */
public final class Quiet {

    private Quiet() {
    }

    /** Runs {@code work} with the log and the metrics captured, and checks it printed nothing at all. */
    public static <T> T silently(Supplier<T> work) {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream capture = new PrintStream(printed, true, StandardCharsets.UTF_8);
        JsonLog.redirect(capture);
        Metrics.redirect(capture);
        try {
            return work.get();
        } finally {
            JsonLog.redirect(System.out);
            Metrics.redirect(System.out);
            assertThat(printed.toString(StandardCharsets.UTF_8)).as("log and metric lines").isEmpty();
        }
    }
}
