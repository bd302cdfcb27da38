package dev.doorstep.tracking;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import dev.doorstep.core.tracking.CreationOutcome;
import dev.doorstep.core.tracking.TrackingCreation;
import dev.doorstep.lambda.JsonLog;
import dev.doorstep.lambda.Metrics;
import dev.doorstep.lambda.SnapStartPriming;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Creates the AfterShip tracking of each newly stored order that has one to create (the table's stream,
 * filtered to INSERTed orders in CREATING_TRACKING). Shops are worked on side by side, each shop's
 * orders one after the other, and the AfterShip client keeps every shop under its rate limit.
 *
 * <p>Records reported back as {@code batchItemFailures} are retried by Lambda: those AfterShip could
 * not answer for now (while the record is younger than {@link #RETRY_WINDOW}; older ones are parked for
 * the poll instead, so no attempt is used and nothing is stranded when the stream gives up), those that
 * failed unexpectedly, and those left when the invocation ran short of time.
 *
 * <p>Not a Lambda handler of its own any more: a library entry point that OrderStreamFunction
 * (functions/order-stream, the function template.yaml deploys) hands the stream's tracking-creation
 * records to. It keeps the handler's shape, so it still runs and is tested as it did before the merge.
 */
public final class TrackingCreatorFunction implements RequestHandler<DynamodbEvent, StreamsEventResponse> {

    /** Below the template's MaximumRecordAgeInSeconds (1 h), so the stream never drops a record we deferred. */
    static final Duration RETRY_WINDOW = Duration.ofMinutes(30);
    /** Stop starting new records when less than this is left of the invocation. */
    static final Duration TIME_MARGIN = Duration.ofSeconds(20);

    private static final JsonLog LOG = JsonLog.of(TrackingCreatorFunction.class);
    private static final Metrics METRICS = Metrics.forFunction("TrackingCreator");

    private final TrackingCreation creation;
    private final Clock clock;

    /**
     * What OrderStreamFunction's no-argument constructor (the Lambda runtime's) calls: real clients,
     * built once in the init phase, primed for SnapStart.
     */
    public TrackingCreatorFunction() {
        this(TrackingCreatorWiring.creation(), Clock.systemUTC());
        SnapStartPriming.register("TrackingCreatorFunction", () -> TrackingCreatorPriming.prime(creation, clock));
    }

    public TrackingCreatorFunction(TrackingCreation creation, Clock clock) {
        this.creation = creation;
        this.clock = clock;
    }

    @Override
    public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
        Map<String, List<OrderInserted>> byShop = new LinkedHashMap<>();
        List<String> failed = new ArrayList<>();
        for (DynamodbEvent.DynamodbStreamRecord record : event.getRecords()) {
            try {
                OrderInserted.from(record).ifPresent(o -> byShop.computeIfAbsent(o.order().shop(), s -> new ArrayList<>())
                        .add(o));
            } catch (RuntimeException e) {
                LOG.error("stream record could not be read; it goes back to the stream", Map.of("sequenceNumber",
                        String.valueOf(record.getDynamodb() == null ? null : record.getDynamodb().getSequenceNumber())), e);
                failed.add(record.getDynamodb().getSequenceNumber());
            }
        }
        ConcurrentLinkedQueue<String> retry = new ConcurrentLinkedQueue<>(failed);
        try (ExecutorService shops = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> work = new ArrayList<>();
            byShop.values().forEach(orders -> work.add(shops.submit(() -> orders.forEach(o -> {
                if (!create(o, context)) {
                    retry.add(o.sequenceNumber());
                }
            }))));
            work.forEach(TrackingCreatorFunction::await);
        }
        return StreamsEventResponse.builder().withBatchItemFailures(retry.stream()
                .map(s -> StreamsEventResponse.BatchItemFailure.builder().withItemIdentifier(s).build())
                .toList()).build();
    }

    /** @return false when the record must go back to the stream */
    private boolean create(OrderInserted record, Context context) {
        Map<String, Object> ids = Map.of("shop", record.order().shop(), "orderId", record.order().orderId());
        if (context != null && context.getRemainingTimeInMillis() < TIME_MARGIN.toMillis()) {
            LOG.warn("out of time; the order goes back to the stream", ids);
            return false;
        }
        Instant now = clock.instant();
        boolean streamWillRetry = record.createdAt() == null || record.createdAt().plus(RETRY_WINDOW).isAfter(now);
        try {
            CreationOutcome outcome = creation.attempt(record.order(), now, streamWillRetry);
            log(outcome, ids);
            METRICS.count("TrackingCreations", Map.of("Outcome", outcome.getClass().getSimpleName()));
            return !(outcome instanceof CreationOutcome.TryAgainSoon);
        } catch (RuntimeException e) {
            LOG.error("tracking creation failed unexpectedly; the order goes back to the stream", ids, e);
            METRICS.count("TrackingCreations", Map.of("Outcome", "Error"));
            return false;
        }
    }

    private static void log(CreationOutcome outcome, Map<String, Object> ids) {
        Map<String, Object> fields = new LinkedHashMap<>(ids);
        switch (outcome) {
            case CreationOutcome.WaitingForDelivery w -> {
                fields.put("trackingId", w.trackingId());
                fields.put("alreadyExisted", w.alreadyExisted());
                LOG.info("waiting for delivery", fields);
            }
            case CreationOutcome.RetryLater r -> {
                fields.put("reason", r.reason().name());
                fields.put("retryAt", r.at().toString());
                LOG.info("tracking not created; one more try later", fields);
            }
            case CreationOutcome.WillSend w -> {
                fields.put("reason", w.reason() == null ? "integration off" : w.reason().name());
                fields.put("sendAt", w.sendAt().toString());
                LOG.info("tracking not created; will send on fulfillment timing", fields);
            }
            case CreationOutcome.TryAgainSoon t -> {
                fields.put("reason", t.reason().name());
                LOG.warn("AfterShip unavailable; the stream retries the order", fields);
            }
            case CreationOutcome.Parked p -> {
                fields.put("reason", p.reason().name());
                fields.put("retryAt", p.at().toString());
                LOG.warn("AfterShip unavailable; parked for the poll without using an attempt", fields);
            }
            case CreationOutcome.NothingToDo n -> {
                fields.put("reason", n.why());
                LOG.info("nothing to do", fields);
            }
        }
    }

    private static void await(Future<?> f) {
        try {
            f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException e) {
            // create() catches everything it can; an Error here is logged and the stream retries the batch
            throw new IllegalStateException(e.getCause());
        }
    }
}
