package dev.doorstep.core.sending;

/** Hands a review request to the mail service. */
public interface Mailer {

    /**
     * Sends {@code email}.
     *
     * @return the mail service's message id
     * @throws TransientMailFailure the message was certainly not sent and may be tried again later
     *     (throttling, sending paused)
     * @throws MailSetupFailure the message was certainly not sent because of our own set-up (access
     *     denied, sender or sandbox recipient not verified); every order would fail alike until it is fixed
     * @throws PermanentMailFailure the message was not sent and never will be (rejected, undeliverable)
     * @throws MailOutcomeUnknownException the service may or may not have accepted it (timeout, 5xx)
     */
    String send(ReviewRequestEmail email);
}
