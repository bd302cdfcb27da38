package dev.doorstep.emulator;

import java.nio.file.Files;
import java.nio.file.Path;

/** The repository's top folder, found from the working directory (Maven runs tests in the module). */
public final class ProjectRoot {

    private ProjectRoot() {
    }

    public static Path find() {
        Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        for (Path p = dir; p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("infra/emulator/moto-venv.sh")) && Files.isRegularFile(p.resolve("pom.xml"))) {
                return p;
            }
        }
        throw new IllegalStateException("no Doorstep checkout above " + dir);
    }
}
