package dev.doorstep.poller;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.doorstep.core.intake.BackfillOutcome;
import dev.doorstep.core.intake.ShopBackfill;
import dev.doorstep.core.polling.DueWorkSweep;
import dev.doorstep.core.polling.ShopPoll;
import dev.doorstep.core.polling.ShopPollOutcome;
import dev.doorstep.core.polling.SweepOutcome;
import dev.doorstep.core.port.BackfillOffers;
import dev.doorstep.core.port.OrderSource;
import dev.doorstep.lambda.AwsClients;
import dev.doorstep.lambda.JsonLog;
import dev.doorstep.lambda.Metrics;
import dev.doorstep.lambda.SnapStartPriming;
import dev.doorstep.scheduling.BackfillMessage;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kms.KmsClient;

/**
 * Polls the shops queued by {@link DeliveryPollerFunction}, one message per shop, runs requested backfills
 * (a shop installed or switched AfterShip on: its orders from before, read from Shopify) from the same queue,
 * and handles the orders' wake-ups (EventBridgeOrderWakeUps sends them at a tracking retry's or a fallback
 * deadline's time to a queue of their own, read by a second event source, so that none waits behind a poll
 * cycle). Each message says what it is, whichever queue brought it. A poll that did not
 * finish and may succeed later (AfterShip busy, a write that raced) is reported as a batch item
 * failure: SQS delivers it again after the visibility timeout, and after three receives it rests in
 * the dead-letter queue. The shop's checkpoint has not moved, so nothing is lost either way.
 */
public final class ShopPollWorker implements RequestHandler<SQSEvent, SQSBatchResponse> {

    private static final JsonLog LOG = JsonLog.of(ShopPollWorker.class);
    private static final Metrics METRICS = Metrics.forFunction("ShopPollWorker");

    private final ShopPoll poll;
    private final DueWorkSweep dueWork;
    private final ShopBackfill backfills;
    private final Clock clock;

    /** The Lambda runtime's constructor: real clients, built once in the init phase, primed for SnapStart. */
    public ShopPollWorker() {
        this(AwsClients.build(DynamoDbClient.builder()), AwsClients.build(KmsClient.builder()), Clock.systemUTC());
        SnapStartPriming.register("ShopPollWorkerFunction", () -> ShopPollWorkerPriming.prime(poll, clock));
    }

    /** One DynamoDB and one KMS client per container, for the polls, the wake-ups and the backfills alike. */
    private ShopPollWorker(DynamoDbClient dynamo, KmsClient kms, Clock clock) {
        this(PollerWiring.fromEnvironment(dynamo, kms), ShopifyOrderSourceWiring.fromEnvironment(dynamo, kms),
                PollerWiring.backfillOffersFromEnvironment(dynamo), clock);
    }

    private ShopPollWorker(PollerWiring wiring, OrderSource orders, BackfillOffers offers, Clock clock) {
        this(wiring.shopPoll(), wiring.sweep(), wiring.backfill(orders, offers), clock);
    }

    /** Shop polls only; a wake-up message is kept for the dead-letter queue. */
    public ShopPollWorker(ShopPoll poll, Clock clock) {
        this(poll, null, clock);
    }

    /** @param dueWork handles the orders' wake-ups (tracking retries, fallback deadlines) */
    public ShopPollWorker(ShopPoll poll, DueWorkSweep dueWork, Clock clock) {
        this(poll, dueWork, null, clock);
    }

    /** @param backfills runs the requested backfills ({@link BackfillMessage}) */
    public ShopPollWorker(ShopPoll poll, DueWorkSweep dueWork, ShopBackfill backfills, Clock clock) {
        this.poll = poll;
        this.dueWork = dueWork;
        this.backfills = backfills;
        this.clock = clock;
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        List<SQSEvent.SQSMessage> records = event == null || event.getRecords() == null ? List.of() : event.getRecords();
        for (SQSEvent.SQSMessage message : records) {
            if (!pollOne(message)) {
                failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
            }
        }
        return new SQSBatchResponse(failures);
    }

    /** @return false when the message should come back */
    private boolean pollOne(SQSEvent.SQSMessage message) {
        Optional<WakeUpMessage> wakeUp = WakeUpMessage.parse(message.getBody());
        if (wakeUp.isPresent()) {
            return wakeUp(wakeUp.get());
        }
        Optional<BackfillMessage> backfill = BackfillMessage.parse(message.getBody());
        if (backfill.isPresent()) {
            return backfill(backfill.get().shop());
        }
        ShopPollMessage request;
        try {
            request = ShopPollMessage.parse(message.getBody());
        } catch (IllegalArgumentException e) {
            // Kept, not dropped: after its receives it rests in the dead-letter queue for a look.
            LOG.warn("not a shop poll message", Map.of("messageId", message.getMessageId(), "reason", e.getMessage()));
            return false;
        }
        try {
            ShopPollOutcome outcome = poll.poll(request.shop(), request.pollStart(), clock.instant());
            report(outcome);
            return outcome.complete() || outcome.skipped() != null || !outcome.retry();
        } catch (RuntimeException e) {
            LOG.error("shop poll failed", Map.of("shop", request.shop()), e);
            METRICS.count("ShopsPolled", Map.of("Outcome", "Failed"));
            return false;
        }
    }

    /** An order's wake-up (its schedule fired): what the sweep would do for it, now. */
    private boolean wakeUp(WakeUpMessage message) {
        Map<String, Object> ids = Map.of("shop", message.order().shop(), "orderId", message.order().orderId());
        if (dueWork == null) {
            LOG.warn("order wake-up received by a worker without due work", ids);
            return false;
        }
        try {
            SweepOutcome done = dueWork.wakeUp(message.order(), clock.instant());
            Map<String, Object> fields = new LinkedHashMap<>(ids);
            fields.put("at", message.at() == null ? null : message.at().toString());
            fields.put("trackingCreated", done.trackingCreated());
            fields.put("trackingGivenUp", done.trackingGivenUp());
            fields.put("trackingParked", done.trackingParked());
            fields.put("fallbacksUsed", done.fallbacksUsed());
            fields.put("wakeUpsSet", done.wakeUpsSet());
            LOG.info("order woken up", fields);
            METRICS.count("OrderWakeUps", Map.of("Outcome", done.problems().isEmpty() ? "Done" : "Failed"));
            return done.problems().isEmpty();
        } catch (RuntimeException e) {
            LOG.error("order wake-up failed", ids, e);
            METRICS.count("OrderWakeUps", Map.of("Outcome", "Failed"));
            return false;
        }
    }

    /** A requested backfill: the shop's recent fulfilled orders from Shopify, taken in once each. */
    private boolean backfill(String shop) {
        if (backfills == null) {
            LOG.warn("backfill request received by a worker without backfills", Map.of("shop", shop));
            return false;
        }
        try {
            Optional<BackfillOutcome> done = backfills.run(shop, clock.instant());
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("shop", shop);
            done.ifPresentOrElse(o -> {
                fields.put("read", o.read());
                fields.put("tracked", o.tracked());
                fields.put("scheduled", o.scheduled());
                fields.put("alreadyKnown", o.alreadyKnown());
                fields.put("outsideWindow", o.outsideWindow());
            }, () -> fields.put("skipped", "shop unknown or uninstalled"));
            LOG.info("backfill done", fields);
            METRICS.count("Backfills", Map.of("Outcome", done.isPresent() ? "Done" : "Skipped"));
            return true;
        } catch (RuntimeException e) {
            // Back to the queue: running it again takes in only what is still missing.
            LOG.error("backfill failed", Map.of("shop", shop), e);
            METRICS.count("Backfills", Map.of("Outcome", "Failed"));
            return false;
        }
    }

    private static void report(ShopPollOutcome o) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("shop", o.shop());
        if (o.skipped() != null) {
            fields.put("reason", o.skipped());
            LOG.info("shop not polled", fields);
            METRICS.count("ShopsPolled", Map.of("Outcome", "Skipped"));
            return;
        }
        fields.put("since", o.since().toString());
        fields.put("until", o.until().toString());
        fields.put("afterShipRequests", o.requests());
        fields.put("trackingsSeen", o.trackingsSeen());
        fields.put("scheduledOnDelivery", o.scheduledOnDelivery());
        fields.put("scheduledOnFulfillment", o.scheduledOnFulfillment());
        fields.put("alreadyHandled", o.alreadyHandled());
        fields.put("notOurs", o.notOurs());
        fields.put("checkpointed", o.checkpointed());
        METRICS.emit("AfterShipRequests", o.requests(), "Count", Map.of());
        METRICS.emit("DeliveriesSeen", o.scheduledOnDelivery(), "Count", Map.of("Source", "Poll"));
        if (o.complete()) {
            LOG.info("shop polled", fields);
            METRICS.count("ShopsPolled", Map.of("Outcome", "Complete"));
        } else {
            fields.put("reason", o.failure());
            fields.put("retry", o.retry());
            fields.put("orders", o.problems());
            LOG.warn("shop poll incomplete; the checkpoint stays", fields);
            METRICS.count("ShopsPolled", Map.of("Outcome", "Incomplete"));
        }
    }
}
