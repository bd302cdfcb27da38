package dev.doorstep.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.doorstep.emulator.ProjectRoot;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The README's "session by hand", as written: its shell block is read from README.md, and each step
 * runs through bash against a runtime this test starts, in order. A comment's quoted words are what
 * the README promises the step shows; the step must exit 0 and show each of them. Only the port
 * (the README's 3000, taken by whoever runs the suite) and the launcher of {@code infra/bin/doorstep}
 * (the jar is built after the tests; here the same main class runs from the test classpath) change.
 */
class ReadmeSessionTest {

    private static final Pattern PROMISE = Pattern.compile("\"([^\"]+)\"");

    private static LocalRuntime runtime;

    @BeforeAll
    static void start() {
        runtime = LocalRuntime.start(0, LocalRuntime.DEFAULT_SHOPIFY_SECRET);
    }

    @AfterAll
    static void stop() {
        runtime.close();
    }

    record Step(String command, List<String> promises) {
    }

    /** The shell block after "A session by hand", continuation lines joined, comments split off. */
    static List<Step> readmeSession() throws Exception {
        String readme = Files.readString(ProjectRoot.find().resolve("README.md"));
        int at = readme.indexOf("A session by hand");
        assertThat(at).as("README.md has its session by hand").isPositive();
        int open = readme.indexOf("```\n", at) + 4;
        String block = readme.substring(open, readme.indexOf("```", open)).replace("\\\n", " ");
        List<Step> steps = new ArrayList<>();
        for (String line : block.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            int comment = line.indexOf("   # ");
            String command = (comment < 0 ? line : line.substring(0, comment)).trim();
            List<String> promises = new ArrayList<>();
            if (comment >= 0) {
                Matcher m = PROMISE.matcher(line.substring(comment));
                while (m.find()) {
                    promises.add(m.group(1));
                }
            }
            steps.add(new Step(command, promises));
        }
        return steps;
    }

    @Test
    void theReadmesSessionByHandWorksAsWritten() throws Exception {
        List<Step> steps = readmeSession();
        assertThat(steps).extracting(Step::command).anyMatch(c -> c.startsWith("infra/bin/doorstep webhook"));
        assertThat(steps).flatExtracting(Step::promises)
                .contains("Waiting for delivery", "Will send", "Sent");

        for (Step step : steps) {
            String output = run(step.command());
            for (String promise : step.promises()) {
                assertThat(output).as("`%s` shows %s", step.command(), promise).contains(promise);
            }
        }
    }

    /** One step through bash, as a person would paste it, against this test's runtime. */
    private static String run(String command) throws Exception {
        int port = runtime.port();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // bash allows a function named like the script, so the README's words run unchanged.
        String launcher = "infra/bin/doorstep() { if [ \"$1\" = webhook ]; then shift; \"" + java + "\" -cp \""
                + System.getProperty("java.class.path") + "\" dev.doorstep.local.WebhookCommand \"$@\";"
                + " else echo \"not in this test: $1\" >&2; return 2; fi; }\n";
        ProcessBuilder bash = new ProcessBuilder("bash", "-c", launcher
                + command.replace("localhost:3000", "localhost:" + port))
                .directory(ProjectRoot.find().toFile()).redirectErrorStream(true);
        bash.environment().put("DOORSTEP_PORT", Integer.toString(port));
        Process p = bash.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("`%s` exits 0; it printed: %s", command, output).isZero();
        return output;
    }
}
