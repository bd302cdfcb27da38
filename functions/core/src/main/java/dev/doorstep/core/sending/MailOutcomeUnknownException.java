package dev.doorstep.core.sending;

/**
 * The call to the mail service broke in a way that does not say whether the message was accepted
 * (a timeout, a connection reset, a 5xx). The sender keeps its claim and lets the lease decide.
 */
public final class MailOutcomeUnknownException extends RuntimeException {

    public MailOutcomeUnknownException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
