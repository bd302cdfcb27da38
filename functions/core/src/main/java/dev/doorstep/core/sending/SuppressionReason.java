package dev.doorstep.core.sending;

/** Why a customer gets no more review requests from a shop. */
public enum SuppressionReason {
    /** The customer clicked unsubscribe (link or one-click header). */
    UNSUBSCRIBED,
    /** SES reported a permanent (hard) bounce for the address. */
    BOUNCE,
    /** The customer marked a review request as spam. */
    COMPLAINT
}
