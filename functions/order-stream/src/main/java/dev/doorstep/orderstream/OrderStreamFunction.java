package dev.doorstep.orderstream;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import dev.doorstep.fallback.FallbackFunction;
import dev.doorstep.lambda.JsonLog;
import dev.doorstep.tracking.TrackingCreatorFunction;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The order stream's one consumer besides the event publisher: DynamoDB Streams throttles more than two
 * readers of a shard, so the tracking creator and the 60-day fallback share this event source mapping
 * (its two filter patterns, OR'ed) and each record goes to the logic its pattern names
 * ({@link OrderStreamRoute}). Each logic runs as it did as its own function, on its own records, in
 * stream order.
 *
 * <p>A stream is retried from a checkpoint, not record by record: the answer names only the earliest
 * record (in the batch's order) that either logic wants back, and Lambda retries it and every record
 * after it. Those after it that had succeeded come again, which both logics take as a no-op
 * (a tracking that exists, a fallback already scheduled).
 */
public final class OrderStreamFunction implements RequestHandler<DynamodbEvent, StreamsEventResponse> {

    private static final JsonLog LOG = JsonLog.of(OrderStreamFunction.class);

    private final RequestHandler<DynamodbEvent, StreamsEventResponse> trackingCreator;
    private final RequestHandler<DynamodbEvent, StreamsEventResponse> fallback;

    /** The Lambda runtime's constructor: both logics built from the environment, each priming itself for SnapStart. */
    public OrderStreamFunction() {
        this(new TrackingCreatorFunction(), new FallbackFunction());
    }

    public OrderStreamFunction(RequestHandler<DynamodbEvent, StreamsEventResponse> trackingCreator,
            RequestHandler<DynamodbEvent, StreamsEventResponse> fallback) {
        this.trackingCreator = trackingCreator;
        this.fallback = fallback;
    }

    @Override
    public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
        List<DynamodbEvent.DynamodbStreamRecord> records =
                event == null || event.getRecords() == null ? List.of() : event.getRecords();
        Map<OrderStreamRoute, List<DynamodbEvent.DynamodbStreamRecord>> routed = new EnumMap<>(OrderStreamRoute.class);
        for (DynamodbEvent.DynamodbStreamRecord record : records) {
            OrderStreamRoute route = OrderStreamRoute.of(record);
            if (route == OrderStreamRoute.NEITHER) {
                LOG.info("stream record for neither the tracking creator nor the fallback; ignored",
                        Map.of("eventId", String.valueOf(record.getEventID()),
                                "eventName", String.valueOf(record.getEventName())));
                continue;
            }
            routed.computeIfAbsent(route, r -> new ArrayList<>()).add(record);
        }
        List<String> failed = new ArrayList<>();
        // The fallback first: a few reads and writes per record. The tracking creator may wait on
        // AfterShip's rate limit, and it watches the invocation's remaining time itself.
        failed.addAll(run(fallback, routed.get(OrderStreamRoute.FALLBACK), context));
        failed.addAll(run(trackingCreator, routed.get(OrderStreamRoute.TRACKING_CREATION), context));
        return StreamCheckpoint.earliest(records, failed);
    }

    private static List<String> run(RequestHandler<DynamodbEvent, StreamsEventResponse> logic,
            List<DynamodbEvent.DynamodbStreamRecord> records, Context context) {
        if (records == null || records.isEmpty()) {
            return List.of();
        }
        DynamodbEvent part = new DynamodbEvent();
        part.setRecords(records);
        // An exception goes up as it did before the merge: Lambda retries (and bisects) the whole batch.
        StreamsEventResponse response = logic.handleRequest(part, context);
        if (response == null || response.getBatchItemFailures() == null) {
            return List.of();
        }
        return response.getBatchItemFailures().stream().map(StreamsEventResponse.BatchItemFailure::getItemIdentifier)
                .toList();
    }
}
