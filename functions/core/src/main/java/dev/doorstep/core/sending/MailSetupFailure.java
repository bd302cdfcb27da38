package dev.doorstep.core.sending;

/**
 * The mail service refused because of our own set-up, not the customer: access denied, the sender
 * identity or (SES sandbox) the recipient not verified, the configuration set missing, sending paused.
 * The message was certainly not sent; every order would fail the same way until someone fixes the
 * set-up, so the order is held (not failed) and sent once it is fixed.
 */
public final class MailSetupFailure extends RuntimeException {

    public MailSetupFailure(String reason, Throwable cause) {
        super(reason, cause);
    }
}
