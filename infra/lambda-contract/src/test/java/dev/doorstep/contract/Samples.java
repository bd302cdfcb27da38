package dev.doorstep.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.doorstep.emulator.ProjectRoot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The sample events in events/, as files: what `sam local invoke -e` and `doorstep invoke` send. */
final class Samples {

    static final ObjectMapper JSON = new ObjectMapper();
    static final Path EVENTS = ProjectRoot.find().resolve("events");

    private Samples() {
    }

    static String text(String path) {
        try {
            return Files.readString(EVENTS.resolve(path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every sample file under events/, relative to it ("shop-api/get-settings.json"). */
    static List<String> all() {
        try (Stream<Path> files = Files.walk(EVENTS)) {
            return files.filter(f -> f.toString().endsWith(".json") && !f.getFileName().toString().equals("env-vars.json"))
                    .map(f -> EVENTS.relativize(f).toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
