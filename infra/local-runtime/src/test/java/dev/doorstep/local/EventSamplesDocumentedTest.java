package dev.doorstep.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.doorstep.emulator.ProjectRoot;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every sample in events/ names the AWS document its shape follows (events/README.md). */
class EventSamplesDocumentedTest {

    private static final Pattern SAMPLE_NAME = Pattern.compile("`([a-z-]+/[a-z*-]+\\.json)`");

    @Test
    void everySampleIsListedWithItsSourceInTheEventsReadme() throws IOException {
        Path events = ProjectRoot.find().resolve("events");
        String readme = Files.readString(events.resolve("README.md"));
        List<String> listed = SAMPLE_NAME.matcher(readme).results().map(m -> m.group(1)).toList();
        List<String> samples;
        try (Stream<Path> files = Files.walk(events)) {
            samples = files.filter(p -> p.toString().endsWith(".json") && !p.getFileName().toString().startsWith("env"))
                    .map(p -> events.relativize(p).toString()).sorted().toList();
        }

        assertThat(samples).isNotEmpty().allSatisfy(sample -> assertThat(listed)
                .as("events/README.md names %s (or a pattern matching it) with its source", sample)
                .anyMatch(pattern -> FileSystems.getDefault().getPathMatcher("glob:" + pattern)
                        .matches(Path.of(sample))));
    }
}
