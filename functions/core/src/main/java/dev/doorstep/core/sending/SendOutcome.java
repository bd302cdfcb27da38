package dev.doorstep.core.sending;

import dev.doorstep.core.model.OrderKey;
import java.time.Instant;

/**
 * What one send attempt did, for the log line and the handler's answer.
 *
 * @param reason a sentence a merchant can read (never personal data)
 * @param messageId the mail service's id when the request went out, else null
 * @param deliveredAt when the parcel was delivered, for the delivery-to-send lag metric; null when
 *     not sent or not timed on a delivery
 */
public record SendOutcome(OrderKey order, Result result, String reason, String messageId, Instant deliveredAt) {

    public enum Result {
        /** This attempt sent the email. */
        SENT,
        /**
         * This attempt sent the email, and every try of the SENT write failed: the order stays SENDING
         * under its lease until the mail service's send event records it.
         */
        SENT_UNRECORDED,
        /** Not sent because of our mail set-up (access denied, not verified): held, sent once it is fixed. */
        HELD,
        /** An earlier attempt sent it: nothing done (a duplicate invocation). */
        ALREADY_SENT,
        /** Not sent on purpose; the order is now SKIPPED or CANCELLED with the reason. */
        SKIPPED,
        /** Permanently failed; the order is now FAILED with the reason. */
        FAILED,
        /** The order is no longer waiting to be sent (cancelled, refunded, skipped, failed, rescheduled away). */
        NOT_PENDING,
        /** The order's send time moved later; the schedule carrying the new time will come. */
        NOT_YET_DUE,
        /** Another invocation holds a live claim on the order. */
        IN_PROGRESS,
        /** No such order (redacted or never stored). */
        NOT_FOUND
    }

    static SendOutcome of(OrderKey order, Result result, String reason) {
        return new SendOutcome(order, result, reason, null, null);
    }
}
