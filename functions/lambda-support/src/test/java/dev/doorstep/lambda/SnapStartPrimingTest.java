package dev.doorstep.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SnapStartPrimingTest {

    @Test
    void aPrimingActionThatCannotReachAwsLogsAnErrorAndCountsPrimingFailed() {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream capture = new PrintStream(printed, true, StandardCharsets.UTF_8);
        JsonLog.redirect(capture);
        Metrics.redirect(capture);
        boolean primed;
        try {
            SnapStartPriming.register("ExampleFunction", () -> {
                throw new IllegalStateException("Unable to load credentials from any of the providers");
            });
            primed = SnapStartPriming.runAll();
        } finally {
            JsonLog.redirect(System.out);
            Metrics.redirect(System.out);
        }

        String lines = printed.toString(StandardCharsets.UTF_8);
        assertThat(primed).isFalse();
        assertThat(lines).contains("\"level\":\"ERROR\"").contains("\"function\":\"ExampleFunction\"")
                .contains("Unable to load credentials");
        assertThat(lines).contains("\"PrimingFailed\":1").contains("\"Function\":\"ExampleFunction\"");
    }
}
