package dev.doorstep.fallback;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import dev.doorstep.core.delivery.FallbackDeadlines;
import dev.doorstep.core.model.OrderKey;
import dev.doorstep.core.planning.ReviewRequestPlanner;
import dev.doorstep.core.timing.TimingPolicy;
import dev.doorstep.lambda.AwsClients;
import dev.doorstep.lambda.JsonLog;
import dev.doorstep.lambda.Metrics;
import dev.doorstep.lambda.SnapStartPriming;
import dev.doorstep.scheduling.EventBridgeReviewScheduler;
import dev.doorstep.store.DynamoDbOrderStore;
import dev.doorstep.store.DynamoDbShopStore;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The 60-day fallback ("stuck in transit"): DynamoDB's TTL deleted an order's FALLBACK entry, so if
 * the order still waits for delivery its request is scheduled now with reason "fallback". The poll's
 * sweep enforces the same deadline, since TTL deletions can lag by days; both go through
 * {@link FallbackDeadlines}, which does nothing the second time.
 *
 * <p>Not a Lambda handler of its own any more: a library entry point that OrderStreamFunction
 * (functions/order-stream, the function template.yaml deploys) hands the stream's TTL deletions of
 * FALLBACK entries to. It keeps the handler's shape, so it still runs and is tested as it did before the merge.
 */
public final class FallbackFunction implements RequestHandler<DynamodbEvent, StreamsEventResponse> {

    private static final JsonLog LOG = JsonLog.of(FallbackFunction.class);
    private static final Metrics METRICS = Metrics.forFunction("Fallback");

    private final FallbackDeadlines fallbacks;
    private final Clock clock;

    /**
     * What OrderStreamFunction's no-argument constructor (the Lambda runtime's) calls: real clients,
     * built once in the init phase, primed for SnapStart.
     */
    public FallbackFunction() {
        this(fromEnvironment(), Clock.systemUTC());
        SnapStartPriming.register("FallbackFunction", () -> FallbackPriming.prime(fallbacks, clock));
    }

    public FallbackFunction(FallbackDeadlines fallbacks, Clock clock) {
        this.fallbacks = fallbacks;
        this.clock = clock;
    }

    private static FallbackDeadlines fromEnvironment() {
        DynamoDbClient dynamo = AwsClients.build(DynamoDbClient.builder());
        String table = AwsClients.requiredEnv("TABLE_NAME");
        var orders = new DynamoDbOrderStore(dynamo, table);
        var planner = new ReviewRequestPlanner(new TimingPolicy(), orders, EventBridgeReviewScheduler.fromEnvironment());
        return new FallbackDeadlines(orders, new DynamoDbShopStore(dynamo, table), planner);
    }

    @Override
    public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
        List<DynamodbEvent.DynamodbStreamRecord> records =
                event == null || event.getRecords() == null ? List.of() : event.getRecords();
        for (DynamodbEvent.DynamodbStreamRecord record : records) {
            FallbackEntryExpiry expiry = FallbackEntryExpiry.read(record);
            if (expiry.order() == null) {
                LOG.info("stream record ignored", Map.of("eventId", String.valueOf(record.getEventID()),
                        "reason", expiry.ignoredBecause()));
                continue;
            }
            OrderKey order = expiry.order();
            Map<String, Object> ids = Map.of("shop", order.shop(), "orderId", order.orderId());
            try {
                boolean scheduled = fallbacks.reached(order, clock.instant());
                LOG.info(scheduled ? "fallback deadline reached: will send now" : "fallback entry expired; nothing to do",
                        ids);
                if (scheduled) {
                    METRICS.count("FallbacksUsed", Map.of("Source", "Ttl"));
                }
            } catch (RuntimeException e) {
                // Lambda retries from the lowest failed record; the ones after it come again too.
                LOG.error("fallback failed; the record will be retried", ids, e);
                return new StreamsEventResponse(List.of(
                        new StreamsEventResponse.BatchItemFailure(record.getDynamodb().getSequenceNumber())));
            }
        }
        return new StreamsEventResponse(List.of());
    }
}
