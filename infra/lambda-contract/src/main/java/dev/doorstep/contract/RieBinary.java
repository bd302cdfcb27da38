package dev.doorstep.contract;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** aws-lambda-rie as infra/lambda-contract/install-rie.sh builds it (run here when it is missing). */
final class RieBinary {

    private RieBinary() {
    }

    static Path find(Path root) {
        Path script = root.resolve("infra/lambda-contract/install-rie.sh");
        try {
            Matcher version = Pattern.compile("(?m)^version=(\\S+)").matcher(Files.readString(script));
            if (!version.find()) {
                throw new IllegalStateException(script + " names no version");
            }
            Path binary = root.resolve(".local/rie").resolve(version.group(1)).resolve("aws-lambda-rie");
            if (!Files.isExecutable(binary)) {
                Process install = new ProcessBuilder("bash", script.toString()).inheritIO().start();
                if (!install.waitFor(15, TimeUnit.MINUTES) || install.exitValue() != 0) {
                    throw new IllegalStateException(script + " failed; run it by hand to see why");
                }
            }
            return binary;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
