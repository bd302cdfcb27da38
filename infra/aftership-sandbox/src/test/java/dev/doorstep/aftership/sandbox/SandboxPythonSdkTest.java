package dev.doorstep.aftership.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The sandbox answers AfterShip's official Python SDK ({@code aftership-tracking-sdk}, dated API 2026-07) as
 * AfterShip does: create, get by id, list by number, 4003 on a duplicate, 4004 for an unknown id
 * ({@code sdk/check_sandbox.py}). The SDK lives in a virtualenv made by {@code sdk/sdk-venv.sh}; this test makes
 * it on first use (PyPI), like the emulator's moto.
 */
class SandboxPythonSdkTest {

    @Test
    void theOfficialPythonSdkGetsAfterShipsAnswers() throws Exception {
        Path sdk = Path.of("sdk").toAbsolutePath();
        Process setup = new ProcessBuilder("bash", sdk.resolve("sdk-venv.sh").toString()).inheritIO().start();
        assertThat(setup.waitFor(300, TimeUnit.SECONDS) && setup.exitValue() == 0)
                .as("sdk/sdk-venv.sh made the virtualenv").isTrue();
        Path python = sdk.resolve(".venv/bin/python");
        assertThat(Files.isExecutable(python)).isTrue();

        try (AfterShipSandbox sandbox = AfterShipSandbox.start()) {
            Process check = new ProcessBuilder(python.toString(), sdk.resolve("check_sandbox.py").toString(),
                    sandbox.baseUrl().toString(), "py-sdk-key-0001").redirectErrorStream(true).start();
            boolean done = check.waitFor(60, TimeUnit.SECONDS);
            String output = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

            assertThat(done).as("the SDK check finished").isTrue();
            assertThat(check.exitValue()).as(output).isZero();
            assertThat(output).contains("passed create again: 4003", "passed get unknown: 4004").endsWith("ok\n");
        }
    }
}
