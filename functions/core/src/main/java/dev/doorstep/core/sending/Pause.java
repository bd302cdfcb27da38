package dev.doorstep.core.sending;

import java.time.Duration;

/** Waits between attempts (a test passes one that does not sleep). */
@FunctionalInterface
public interface Pause {

    Pause SLEEP = d -> {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    };

    void pause(Duration duration);
}
