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
 * The README's "session by hand", as written: its shell block is read from README.md, and its steps
 * run in order, in one bash session, against a runtime this test starts. A comment's quoted words are what
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

        List<String> outputs = runInOneShell(steps);

        assertThat(outputs).as("every step ran").hasSize(steps.size());
        for (int i = 0; i < steps.size(); i++) {
            for (String promise : steps.get(i).promises()) {
                assertThat(outputs.get(i)).as("`%s` shows %s", steps.get(i).command(), promise).contains(promise);
            }
        }
    }

    /**
     * The steps as one bash session (a variable one step sets is there for the next, as in a
     * terminal), stopping at the first that fails; returns each step's output.
     */
    private static List<String> runInOneShell(List<Step> steps) throws Exception {
        int port = runtime.port();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        StringBuilder script = new StringBuilder("set -e\n");
        // bash allows a function named like the script, so the README's words run unchanged.
        script.append("infra/bin/doorstep() { if [ \"$1\" = webhook ]; then shift; \"").append(java)
                .append("\" -cp \"").append(System.getProperty("java.class.path"))
                .append("\" dev.doorstep.local.WebhookCommand \"$@\"; else echo \"not in this test: $1\" >&2; return 2; fi; }\n");
        for (Step step : steps) {
            script.append("echo '").append(STEP_MARK).append("'\n")
                    .append(step.command().replace("localhost:3000", "localhost:" + port)).append("\n");
        }
        ProcessBuilder bash = new ProcessBuilder("bash", "-c", script.toString())
                .directory(ProjectRoot.find().toFile()).redirectErrorStream(true);
        bash.environment().put("DOORSTEP_PORT", Integer.toString(port));
        Process p = bash.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("every step exits 0; the session printed: %s", output).isZero();
        List<String> outputs = new ArrayList<>(List.of(output.split(Pattern.quote(STEP_MARK + "\n"), -1)));
        outputs.removeFirst(); // before the first step
        return outputs;
    }

    private static final String STEP_MARK = "@@ next README step @@";
}
