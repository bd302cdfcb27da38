package dev.doorstep.reliability;

import dev.doorstep.emulator.ProjectRoot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** The never-logged list (src/test/resources/never-logged.txt) and a search of text for its values. */
final class NeverLogged {

    private final List<String> plain = new ArrayList<>();
    private final List<Pattern> patterns = new ArrayList<>();

    private NeverLogged() {
    }

    static NeverLogged load() {
        NeverLogged list = new NeverLogged();
        try {
            for (String line : Files.readAllLines(ProjectRoot.find()
                    .resolve("infra/reliability/src/test/resources/never-logged.txt"))) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                if (line.startsWith("re:")) {
                    list.patterns.add(Pattern.compile(line.substring(3), Pattern.CASE_INSENSITIVE));
                } else {
                    list.plain.add(line.toLowerCase(Locale.ROOT));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return list;
    }

    int size() {
        return plain.size() + patterns.size();
    }

    /** Every line of {@code text} that carries a listed value, prefixed with {@code source}. */
    List<String> hits(String source, String text) {
        List<String> hits = new ArrayList<>();
        String[] lines = text.split("\n");
        for (int i = 0; i < lines.length; i++) {
            String lower = lines[i].toLowerCase(Locale.ROOT);
            int n = i;
            plain.stream().filter(lower::contains).findFirst()
                    .ifPresent(v -> hits.add(source + ":" + (n + 1) + ": " + abbreviate(lines[n])));
            if (plain.stream().noneMatch(lower::contains)) {
                patterns.stream().filter(p -> p.matcher(lines[n]).find()).findFirst()
                        .ifPresent(p -> hits.add(source + ":" + (n + 1) + ": " + abbreviate(lines[n])));
            }
        }
        return hits;
    }

    private static String abbreviate(String line) {
        return line.length() > 300 ? line.substring(0, 300) + "..." : line;
    }
}
