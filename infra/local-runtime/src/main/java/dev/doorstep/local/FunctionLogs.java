package dev.doorstep.local;

import dev.doorstep.lambda.JsonLog;
import dev.doorstep.lambda.Metrics;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the hosted functions' JSON log and metric lines go on this machine. In Lambda they are
 * stdout, which CloudWatch collects; at a terminal they would bury the story, so the local runtime
 * sends them to a file (or stderr) and says where on start-up. The functions themselves are unchanged.
 */
final class FunctionLogs {

    private static volatile PrintStream stream = System.out;

    private FunctionLogs() {
    }

    /** The stream locally hosted functions (and their Lambda context's logger) write to. */
    static PrintStream stream() {
        return stream;
    }

    /** Sends every function log line to {@code file} (appending), or to stderr when {@code file} is null. */
    static void redirect(Path file) throws IOException {
        PrintStream target;
        if (file == null) {
            target = System.err;
        } else {
            if (file.toAbsolutePath().getParent() != null) {
                Files.createDirectories(file.toAbsolutePath().getParent());
            }
            target = new PrintStream(new FileOutputStream(file.toFile(), true), true, StandardCharsets.UTF_8);
        }
        redirect(target);
    }

    static void redirect(PrintStream target) {
        stream = target;
        JsonLog.redirect(target);
        Metrics.redirect(target);
    }
}
