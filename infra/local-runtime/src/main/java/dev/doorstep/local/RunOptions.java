package dev.doorstep.local;

import java.nio.file.Path;
import java.util.Map;

/**
 * What {@code doorstep run|demo} was asked for: the mode, the port ({@code --port}, else
 * {@code DOORSTEP_PORT}, else 3000) and where the functions' JSON logs go ({@code --function-logs PATH|stderr},
 * else {@code DOORSTEP_FUNCTION_LOGS}, else a new file in the temp folder). A bad value is a
 * {@link StartupFailure} naming it.
 */
record RunOptions(String mode, int port, String functionLogs) {

    static RunOptions parse(String[] args, Map<String, String> env) {
        String mode = args.length > 0 ? args[0] : "run";
        if (!mode.equals("run") && !mode.equals("demo")) {
            throw new StartupFailure("unknown command '" + mode + "'; use run or demo");
        }
        String port = env.getOrDefault("DOORSTEP_PORT", Integer.toString(LocalRuntime.DEFAULT_PORT));
        String portFrom = env.containsKey("DOORSTEP_PORT") ? "DOORSTEP_PORT" : "the default";
        String logs = env.get("DOORSTEP_FUNCTION_LOGS");
        for (int i = 1; i < args.length; i++) {
            switch (args[i]) {
                case "--port" -> {
                    port = valueOf(args, i++);
                    portFrom = "--port";
                }
                case "--function-logs" -> logs = valueOf(args, i++);
                default -> throw new StartupFailure("unknown option '" + args[i]
                        + "'; the options are --port N and --function-logs PATH|stderr");
            }
        }
        return new RunOptions(mode, port(port, portFrom), logs == null || logs.isBlank() ? null : logs);
    }

    /** The file the functions' JSON logs go to, or null for stderr. */
    Path functionLogFile(Path tempDir, String startedAt) {
        if ("stderr".equals(functionLogs)) {
            return null;
        }
        return functionLogs != null ? Path.of(functionLogs)
                : tempDir.resolve("doorstep-local").resolve("functions-" + startedAt + ".jsonl");
    }

    private static String valueOf(String[] args, int i) {
        if (i + 1 >= args.length) {
            throw new StartupFailure(args[i] + " needs a value");
        }
        return args[i + 1];
    }

    private static int port(String text, String from) {
        try {
            int port = Integer.parseInt(text.trim());
            if (port >= 0 && port <= 65535) { // 0: any free port (tests)
                return port;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new StartupFailure("the port from " + from + " is '" + text + "'; give a number from 1 to 65535");
    }
}
