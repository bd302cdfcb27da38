package dev.doorstep.sending;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SNSEvent;
import dev.doorstep.core.sending.EmailDigester;
import dev.doorstep.core.sending.SendConfirmation;
import dev.doorstep.core.sending.SendOutcome;
import dev.doorstep.core.sending.Suppression;
import dev.doorstep.core.sending.SuppressionList;
import dev.doorstep.core.sending.SuppressionReason;
import dev.doorstep.lambda.JsonLog;
import dev.doorstep.lambda.Metrics;
import dev.doorstep.lambda.SnapStartPriming;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;

/**
 * SES events for review requests, through SNS: a hard bounce or a complaint suppresses the customer
 * for that shop; a send event confirms the order SENT (closing the crash window of the sender,
 * docs/sending.md). Messages without Doorstep tags are not ours and are skipped; a message that is
 * not an SES notification at all fails the invocation, so the function's DLQ keeps it.
 */
public final class SesFeedbackFunction implements RequestHandler<SNSEvent, Void> {

    private static final JsonLog LOG = JsonLog.of(SesFeedbackFunction.class);
    private static final Metrics METRICS = Metrics.forFunction("SesFeedback");

    private final SuppressionList suppressions;
    private final EmailDigester digester;
    private final SendConfirmation confirmation;
    private final Clock clock;

    /** The Lambda runtime's constructor: real clients, built once in the init phase, primed for SnapStart. */
    public SesFeedbackFunction() {
        this(SendingWiring.suppressions(), SendingWiring.tokens().digester(),
                new SendConfirmation(SendingWiring.orders()), Clock.systemUTC());
        SnapStartPriming.register("SesFeedbackFunction", () -> SesFeedbackPriming.prime(confirmation, suppressions,
                digester));
    }

    /** @param digester names bounced and complaining customers as the unsubscribe links do (keyed) */
    public SesFeedbackFunction(SuppressionList suppressions, EmailDigester digester, SendConfirmation confirmation,
            Clock clock) {
        this.suppressions = suppressions;
        this.digester = digester;
        this.confirmation = confirmation;
        this.clock = clock;
    }

    @Override
    public Void handleRequest(SNSEvent event, Context context) {
        if (event == null || event.getRecords() == null) {
            return null;
        }
        for (SNSEvent.SNSRecord record : event.getRecords()) {
            handle(SesFeedback.parse(record.getSNS() == null ? null : record.getSNS().getMessage()));
        }
        return null;
    }

    private void handle(SesFeedback feedback) {
        if (feedback.order() == null) {
            LOG.info("SES notification without Doorstep tags skipped", Map.of("type", feedback.type()));
            return;
        }
        Map<String, Object> ids = Map.of("shop", feedback.order().shop(), "orderId", feedback.order().orderId(),
                "type", feedback.type());
        Instant at = feedback.at() == null ? clock.instant() : feedback.at();
        switch (feedback.kind()) {
            case SEND -> {
                SendOutcome outcome = confirmation.confirm(feedback.order(), feedback.messageId(), at);
                LOG.info("send event", Map.of("shop", feedback.order().shop(), "orderId",
                        feedback.order().orderId(), "result", outcome.result().name()));
            }
            case BOUNCE -> {
                if (!feedback.permanent()) {
                    LOG.info("soft bounce ignored", ids);
                    return;
                }
                suppress(feedback, SuppressionReason.BOUNCE, at);
                LOG.info("customer suppressed after a hard bounce", ids);
            }
            case COMPLAINT -> {
                suppress(feedback, SuppressionReason.COMPLAINT, at);
                LOG.info("customer suppressed after a complaint", ids);
            }
            case OTHER -> LOG.info("SES notification ignored", ids);
        }
        METRICS.count("SesFeedback", Map.of("Type", feedback.type()));
    }

    private void suppress(SesFeedback feedback, SuppressionReason reason, Instant at) {
        for (String address : feedback.recipients()) {
            suppressions.suppress(new Suppression(feedback.order().shop(), digester.of(address), reason, at));
        }
    }
}
