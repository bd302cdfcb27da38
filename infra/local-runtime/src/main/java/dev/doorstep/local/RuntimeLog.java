package dev.doorstep.local;

import java.io.PrintStream;

/** What the local runtime itself says (the functions log JSON on their own). */
final class RuntimeLog {

    private final PrintStream out;

    RuntimeLog(PrintStream out) {
        this.out = out;
    }

    void info(String message) {
        out.println("[doorstep-local] " + message);
    }

    void warn(String message) {
        out.println("[doorstep-local] WARN " + message);
    }
}
