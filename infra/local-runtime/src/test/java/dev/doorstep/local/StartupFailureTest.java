package dev.doorstep.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A start-up failure is one line naming the fix, then exit status 1, with nothing left running. */
class StartupFailureTest {

    @Test
    void aBusyPortIsOneLineNamingPortAndDoorstepPortAndTheProcessExits() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            java.time.Instant started = java.time.Instant.now();
            Process run = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), LocalRuntime.class.getName(), "run",
                    "--port", Integer.toString(port)).start();

            boolean exited = run.waitFor(60, TimeUnit.SECONDS);
            if (!exited) {
                run.destroyForcibly();
            }
            assertThat(exited).as("the command exits instead of hanging").isTrue();
            String stderr = new String(run.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(run.exitValue()).isEqualTo(1);
            assertThat(stderr.lines().toList()).singleElement().satisfies(line -> assertThat(line)
                    .contains("port " + port + " is already in use").contains("--port").contains("DOORSTEP_PORT")
                    .doesNotContain("Exception"));
            assertThat(motoServersStartedSince(started)).as("no emulator started, none left running").isEmpty();
        }
    }

    /** This worktree's moto servers started since {@code since} (other checkouts' are not ours to count). */
    private static List<ProcessHandle> motoServersStartedSince(java.time.Instant since) {
        String script = dev.doorstep.emulator.ProjectRoot.find().resolve("infra/emulator/moto").toString();
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().orElse("").contains(script))
                .filter(p -> p.info().startInstant().map(at -> !at.isBefore(since)).orElse(false))
                .toList();
    }

    @Test
    void theRuntimeTakesThePortBeforeStartingAnythingElse() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            long before = ProcessHandle.current().descendants().count();

            assertThatThrownBy(() -> LocalRuntime.start(taken.getLocalPort(), LocalRuntime.DEFAULT_SHOPIFY_SECRET))
                    .isInstanceOf(StartupFailure.class).hasMessageContaining("--port");
            assertThat(ProcessHandle.current().descendants().count()).isEqualTo(before);
        }
    }

    @Test
    void badOptionsAreOneLineEach() {
        assertThatThrownBy(() -> RunOptions.parse(new String[] {"run", "--port", "many"}, Map.of()))
                .isInstanceOf(StartupFailure.class).hasMessageContaining("'many'").hasMessageContaining("--port");
        assertThatThrownBy(() -> RunOptions.parse(new String[] {"run"}, Map.of("DOORSTEP_PORT", "70000")))
                .hasMessageContaining("DOORSTEP_PORT");
        assertThatThrownBy(() -> RunOptions.parse(new String[] {"run", "--prot", "1"}, Map.of()))
                .hasMessageContaining("--prot");
        assertThat(RunOptions.parse(new String[] {"demo", "--port", "3917"}, Map.of("DOORSTEP_PORT", "4000")).port())
                .isEqualTo(3917);
        assertThat(RunOptions.parse(new String[] {"run"}, Map.of("DOORSTEP_PORT", "4000")).port()).isEqualTo(4000);
    }
}
