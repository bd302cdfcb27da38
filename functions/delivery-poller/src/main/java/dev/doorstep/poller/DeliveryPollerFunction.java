package dev.doorstep.poller;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.doorstep.core.polling.DueWorkSweep;
import dev.doorstep.core.polling.SweepOutcome;
import dev.doorstep.core.port.OrderStore;
import dev.doorstep.core.port.ShopStore;
import dev.doorstep.lambda.AwsClients;
import dev.doorstep.lambda.JsonLog;
import dev.doorstep.lambda.JsonText;
import dev.doorstep.lambda.Metrics;
import dev.doorstep.lambda.SnapStartPriming;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The 12-hourly delivery check (docs/polling.md): queues one poll per shop with delivery tracking
 * (ShopPollWorker polls each, in parallel, within AfterShip's per-account limits), then sweeps the
 * work that came due by itself: tracking retries, fallback deadlines, overdue sends.
 *
 * <p>A stream handler: it reads Scheduler's payload itself ({@link ScheduledPoll}), because the
 * runtime's {@code ScheduledEvent} mapping fails on the string {@code detail} Scheduler sends.
 */
public final class DeliveryPollerFunction implements RequestStreamHandler {

    private static final JsonLog LOG = JsonLog.of(DeliveryPollerFunction.class);
    private static final Metrics METRICS = Metrics.forFunction("DeliveryPoller");
    /** Stop sweeping with this much of the invocation left, so the function always answers. */
    private static final long RESERVE_MILLIS = 20_000;

    private final ShopStore shops;
    private final OrderStore orders;
    private final ShopPollFanOut fanOut;
    private final DueWorkSweep sweep;
    private final Clock clock;

    /** The Lambda runtime's constructor: real clients, built once in the init phase, primed for SnapStart. */
    public DeliveryPollerFunction() {
        this(PollerWiring.fromEnvironment(), AwsClients.build(SqsClient.builder()),
                AwsClients.requiredEnv("POLL_QUEUE_URL"), Clock.systemUTC());
        SnapStartPriming.register("DeliveryPollerFunction", () -> DeliveryPollerPriming.prime(sweep, shops));
    }

    public DeliveryPollerFunction(PollerWiring wiring, SqsClient sqs, String queueUrl, Clock clock) {
        this(wiring.shops(), wiring.orders(), new ShopPollFanOut(sqs, queueUrl), wiring.sweep(), clock);
    }

    DeliveryPollerFunction(ShopStore shops, OrderStore orders, ShopPollFanOut fanOut, DueWorkSweep sweep,
            Clock clock) {
        this.shops = shops;
        this.orders = orders;
        this.fanOut = fanOut;
        this.sweep = sweep;
        this.clock = clock;
    }

    @Override
    public void handleRequest(InputStream event, OutputStream response, Context context) throws IOException {
        Map<String, Object> summary = handleRequest(ScheduledPoll.read(event), context);
        response.write(JsonText.of(summary).getBytes(StandardCharsets.UTF_8));
    }

    /** One cycle, its trigger already read: tests and the local runtime call this. */
    public Map<String, Object> handleRequest(ScheduledPoll trigger, Context context) {
        Instant pollStart = trigger.time().orElseGet(() -> clock.instant().truncatedTo(ChronoUnit.SECONDS));
        List<String> tracked = shops.shopsWithDeliveryTracking();
        int queued = fanOut.queue(tracked, pollStart);
        LOG.info("shop polls queued", Map.of("shops", queued, "pollStart", pollStart.toString()));
        METRICS.emit("ShopsQueued", queued, "Count", Map.of());

        SweepOutcome swept = sweep.sweep(clock.instant(), timeLeft(context));
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("pollStart", pollStart.toString());
        summary.put("shopsQueued", queued);
        summary.put("dueOrdersRead", swept.ordersRead());
        summary.put("trackingCreated", swept.trackingCreated());
        summary.put("trackingGivenUp", swept.trackingGivenUp());
        summary.put("trackingParked", swept.trackingParked());
        summary.put("fallbacksUsed", swept.fallbacksUsed());
        summary.put("schedulesEnsured", swept.schedulesEnsured());
        summary.put("sendsRearmed", swept.sendsRearmed());
        summary.put("problems", swept.problems().size());
        summary.put("wakeUpsSet", swept.wakeUpsSet());
        summary.put("outOfTime", swept.outOfTime());
        if (swept.problems().isEmpty()) {
            LOG.info("due work swept", summary);
        } else {
            LOG.warn("due work swept with problems", Map.of("summary", summary, "orders", swept.problems()));
        }
        METRICS.emit("FallbacksUsed", swept.fallbacksUsed(), "Count", Map.of("Source", "Sweep"));
        METRICS.emit("TrackingRetries", swept.trackingCreated() + swept.trackingGivenUp(), "Count", Map.of());
        // After the sweep, so orders it just moved past their fallback deadline no longer count.
        double oldestWaitingDays = orders.oldestWaitingFulfilledAt()
                .map(at -> Duration.between(at, clock.instant()).toMinutes() / (24 * 60.0)).orElse(0.0);
        METRICS.emit("OldestWaitingForDeliveryDays", oldestWaitingDays, "None", Map.of());
        summary.put("oldestWaitingForDeliveryDays", oldestWaitingDays);
        return summary;
    }

    private static BooleanSupplier timeLeft(Context context) {
        return context == null ? () -> true : () -> context.getRemainingTimeInMillis() > RESERVE_MILLIS;
    }
}
