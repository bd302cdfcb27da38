package dev.doorstep.local;

/**
 * A start-up problem the person can fix, said in one line that names the fix (a busy port: use
 * {@code --port} or {@code DOORSTEP_PORT}). The runtime stops what it had started and exits non-zero.
 */
final class StartupFailure extends RuntimeException {

    StartupFailure(String oneLine, Throwable cause) {
        super(oneLine, cause);
    }

    StartupFailure(String oneLine) {
        super(oneLine);
    }

    static StartupFailure portInUse(int port) {
        return new StartupFailure("port " + port + " is already in use; start on another one with --port "
                + suggestedPort(port) + " or DOORSTEP_PORT=" + suggestedPort(port));
    }

    private static int suggestedPort(int port) {
        return port == 3917 ? 3918 : 3917;
    }
}
