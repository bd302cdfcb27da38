package dev.doorstep.core.sending;

/** An unsubscribe token that is malformed or whose signature does not match: answer 400, store nothing. */
public final class InvalidUnsubscribeTokenException extends RuntimeException {

    public InvalidUnsubscribeTokenException(String reason) {
        super(reason);
    }
}
