package dev.doorstep.core.sending;

/** The mail service certainly did not send the message, and trying again later may work (throttling). */
public final class TransientMailFailure extends RuntimeException {

    public TransientMailFailure(String reason, Throwable cause) {
        super(reason, cause);
    }
}
