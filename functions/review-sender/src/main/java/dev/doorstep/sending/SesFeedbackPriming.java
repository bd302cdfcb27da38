package dev.doorstep.sending;

import dev.doorstep.core.sending.EmailDigester;
import dev.doorstep.core.sending.SendConfirmation;
import dev.doorstep.core.sending.SendOutcome;
import dev.doorstep.core.sending.SuppressionList;
import dev.doorstep.mail.MessageTags;

/**
 * SES feedback's SnapStart priming: two built-in SES notifications as SNS hands them over, read by the
 * handler's own {@link SesFeedback#parse}. For the send event, the handler's
 * {@link SendConfirmation#confirm}, whose first step, the order's GetItem, misses and ends it; for the
 * hard bounce, a read of the suppression the handler would write, which misses too.
 *
 * <p>Why it is safe at deployment time: the order and shop can never exist (the webhook stores only
 * {@code *.myshopify.com} shops and integer order ids; this is neither), so the confirmation stops at
 * that read: no write. The bounce is only read against, never suppressed. Nothing is logged and no
 * metric is counted (that is the handler's part).
 */
final class SesFeedbackPriming {

    static final String SHOP = "doorstep-snapstart-priming.invalid";
    private static final String TAGS = """
            "tags": {"ses:configuration-set": ["doorstep"], "doorstep-shop": ["%s"], "doorstep-order": ["PRIMING"]}"""
            .formatted(MessageTags.encode(SHOP));
    static final String SEND = """
            {"eventType": "Send", "mail": {"timestamp": "2026-01-01T00:00:00.000Z", "messageId": "priming",
            "destination": ["priming@doorstep-snapstart-priming.invalid"], %s}, "send": {}}""".formatted(TAGS);
    static final String BOUNCE = """
            {"eventType": "Bounce", "mail": {"timestamp": "2026-01-01T00:00:00.000Z", "messageId": "priming", %s},
            "bounce": {"bounceType": "Permanent", "timestamp": "2026-01-01T00:00:01.000Z",
            "bouncedRecipients": [{"emailAddress": "Priming <priming@doorstep-snapstart-priming.invalid>"}]}}"""
            .formatted(TAGS);

    private SesFeedbackPriming() {
    }

    static SendOutcome prime(SendConfirmation confirmation, SuppressionList suppressions, EmailDigester digester) {
        SesFeedback send = SesFeedback.parse(SEND);
        SendOutcome outcome = confirmation.confirm(send.order(), send.messageId(), send.at());
        SesFeedback bounce = SesFeedback.parse(BOUNCE);
        bounce.recipients().forEach(address -> suppressions.find(bounce.order().shop(), digester.of(address)));
        return outcome;
    }
}
