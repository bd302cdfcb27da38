package dev.doorstep.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.doorstep.lambda.Json;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code doorstep demo} as a person at a terminal sees it: the story on stdout (what arrived, what
 * each order waits for, what was sent, where to look), and the functions' JSON log lines in the file
 * it names, not on the console.
 */
class DemoConsoleTest {

    @Test
    void theConsoleTellsTheStoryAndTheJsonLogsGoToTheNamedFile(@TempDir Path dir) throws Exception {
        Path logs = dir.resolve("functions.jsonl");
        Process demo = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), LocalRuntime.class.getName(), "demo",
                "--port", "0", "--function-logs", logs.toString())
                .redirectError(dir.resolve("stderr.txt").toFile()).start();
        List<String> console = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(demo.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                console.add(line);
                if (line.contains("demo done")) {
                    break;
                }
            }
        } finally {
            demo.destroy(); // Ctrl-C: the shutdown hooks stop the emulator
            if (!demo.waitFor(30, TimeUnit.SECONDS)) {
                demo.destroyForcibly();
            }
        }

        String story = String.join("\n", console);
        assertThat(console).last().asString().contains("demo done");
        assertThat(console).as("a screenful, not a log").hasSizeLessThan(80);
        assertThat(console).noneMatch(line -> line.trim().startsWith("{") || line.contains("\"level\""));
        assertThat(story).contains("function logs").contains(logs.toString())
                .contains("received").contains("Waiting for delivery").contains("Will send").contains("Sent")
                .contains("clock moved by").contains("/_local/emails");
        assertThat(story).doesNotContain("ada@example.com");

        List<String> jsonLines = Files.readAllLines(logs);
        assertThat(jsonLines).hasSizeGreaterThan(50);
        for (String line : jsonLines) {
            assertThat(Json.MAPPER.readTree(line).isObject()).as(line).isTrue();
        }
        assertThat(String.join("\n", jsonLines)).contains("\"level\"").contains("\"_aws\"");
        assertThat(Files.readString(dir.resolve("stderr.txt"))).doesNotContain("\"level\"");
    }
}
