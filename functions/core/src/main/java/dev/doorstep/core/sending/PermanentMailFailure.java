package dev.doorstep.core.sending;

/** The message was not sent and trying again would not change that (rejected, undeliverable address). */
public final class PermanentMailFailure extends RuntimeException {

    public PermanentMailFailure(String reason, Throwable cause) {
        super(reason, cause);
    }
}
