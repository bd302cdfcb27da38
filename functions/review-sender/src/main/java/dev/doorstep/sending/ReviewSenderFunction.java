package dev.doorstep.sending;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.doorstep.core.sending.MailOutcomeUnknownException;
import dev.doorstep.core.sending.ReviewRequestComposer;
import dev.doorstep.core.sending.ReviewRequestSending;
import dev.doorstep.core.sending.SendOutcome;
import dev.doorstep.core.sending.TransientMailFailure;
import dev.doorstep.lambda.JsonLog;
import dev.doorstep.lambda.Metrics;
import dev.doorstep.lambda.SnapStartPriming;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Invoked by the order's one-time schedule: sends its review request, at most once
 * (docs/sending.md). Throws only when a retry can help (the mail service was busy, or its answer was
 * lost); Lambda's asynchronous retries and the function's DLQ take it from there.
 */
public final class ReviewSenderFunction implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    private static final JsonLog LOG = JsonLog.of(ReviewSenderFunction.class);
    private static final Metrics METRICS = Metrics.forFunction("ReviewSender");
    /** Sends held because of our mail set-up (template.yaml's MailSetupAlarm). */
    static final String MAIL_SETUP_ERRORS = "MailSetupErrors";

    private final ReviewRequestSending sending;
    private final Clock clock;

    /** The Lambda runtime's constructor: real clients, built once in the init phase, primed for SnapStart. */
    public ReviewSenderFunction() {
        // Built before this(...) (Java 25 allows it), so that the priming composes with the live composer.
        ReviewRequestComposer composer = SendingWiring.composer();
        this(SendingWiring.sending(composer), Clock.systemUTC());
        SnapStartPriming.register("ReviewSenderFunction", () -> ReviewSenderPriming.prime(sending, composer, clock));
    }

    public ReviewSenderFunction(ReviewRequestSending sending, Clock clock) {
        this.sending = sending;
        this.clock = clock;
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> input, Context context) {
        ScheduledSend send = ScheduledSend.from(input);
        Map<String, Object> ids = Map.of("shop", send.order().shop(), "orderId", send.order().orderId());
        try {
            SendOutcome outcome = sending.send(send.order(), clock.instant());
            String message = "review request " + outcome.result().name().toLowerCase(java.util.Locale.ROOT);
            Map<String, Object> fields = with(ids, "reason", outcome.reason(), "messageId", outcome.messageId());
            switch (outcome.result()) {
                case HELD -> {
                    // Every order fails alike until the set-up is fixed: MailSetupAlarm watches this count.
                    LOG.error(message + ": the mail set-up needs attention", fields, null);
                    METRICS.count(MAIL_SETUP_ERRORS);
                }
                case SENT_UNRECORDED -> LOG.warn(message, fields);
                default -> LOG.info(message, fields);
            }
            METRICS.count("ReviewRequests", Map.of("Outcome", outcome.result().name()));
            if ((outcome.result() == SendOutcome.Result.SENT || outcome.result() == SendOutcome.Result.SENT_UNRECORDED)
                    && outcome.deliveredAt() != null) {
                METRICS.emit("DeliveryToSendLagHours",
                        Duration.between(outcome.deliveredAt(), clock.instant()).toMinutes() / 60.0, "None", Map.of());
            }
            return with(Map.of("status", outcome.result().name(), "reason", outcome.reason()), "messageId",
                    outcome.messageId());
        } catch (TransientMailFailure e) {
            LOG.warn("mail service busy; the request goes back to wait for a retry", with(ids, "reason",
                    e.getMessage()));
            METRICS.count("ReviewRequests", Map.of("Outcome", "RETRY"));
            throw e;
        } catch (MailOutcomeUnknownException e) {
            LOG.error("unknown whether the review request went out; the claim stands until its lease ends", ids, e);
            METRICS.count("ReviewRequests", Map.of("Outcome", "UNKNOWN"));
            throw e;
        }
    }

    private static Map<String, Object> with(Map<String, Object> base, Object... pairs) {
        Map<String, Object> out = new LinkedHashMap<>(base);
        for (int i = 0; i < pairs.length; i += 2) {
            if (pairs[i + 1] != null) {
                out.put((String) pairs[i], pairs[i + 1]);
            }
        }
        return out;
    }
}
