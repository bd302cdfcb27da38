package dev.doorstep.events;

import dev.doorstep.lambda.JsonLog;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequest;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResultEntry;

/**
 * PutEvents in list order, at most {@value #MAX_ENTRIES} entries and {@value #MAX_BYTES} bytes a
 * call. EventBridge may accept a call and still reject some of its entries (FailedEntryCount &gt; 0):
 * only those are sent again, a bounded number of times with doubling pauses. What still fails stops
 * the list there, so that the caller can hand the rest back to the stream for a later try.
 */
final class BusPublisher {

    static final int MAX_ENTRIES = 10;
    static final int MAX_BYTES = 256 * 1024;

    private static final JsonLog LOG = JsonLog.of(BusPublisher.class);

    /**
     * How hard to try one call's entries.
     *
     * @param attempts calls in all, the first included
     * @param firstPause the pause before the second call; each later pause doubles
     */
    record Retries(int attempts, Duration firstPause) {

        /** About 1.5 s in all: well inside the function's timeout, and the stream retries after that. */
        static final Retries DEFAULT = new Retries(4, Duration.ofMillis(200));

        Retries {
            if (attempts < 1) {
                throw new IllegalArgumentException("attempts must be at least 1");
            }
        }
    }

    /**
     * @param published entries accepted, counted from the start of the list
     * @param firstFailed the index of the earliest entry that could not be published, if any
     */
    record Outcome(int published, OptionalInt firstFailed) {
    }

    private final EventBus bus;
    private final Retries retries;

    BusPublisher(EventBus bus, Retries retries) {
        this.bus = bus;
        this.retries = retries;
    }

    Outcome publish(List<PutEventsRequestEntry> entries) {
        int published = 0;
        int start = 0;
        while (start < entries.size()) {
            int end = batchEnd(entries, start);
            List<Integer> failed = putWithRetries(entries, start, end);
            published += (end - start) - failed.size();
            if (!failed.isEmpty()) {
                return new Outcome(published, OptionalInt.of(failed.getFirst()));
            }
            start = end;
        }
        return new Outcome(published, OptionalInt.empty());
    }

    private static int batchEnd(List<PutEventsRequestEntry> entries, int start) {
        int end = start;
        int bytes = 0;
        while (end < entries.size() && end - start < MAX_ENTRIES) {
            int size = EventEntries.size(entries.get(end));
            if (size > MAX_BYTES) {
                throw new IllegalStateException("an event of " + size + " bytes is over EventBridge's limit");
            }
            if (bytes + size > MAX_BYTES) {
                break;
            }
            bytes += size;
            end++;
        }
        return end;
    }

    /** Returns the indexes (ascending) of the entries in [start, end) that still failed. */
    private List<Integer> putWithRetries(List<PutEventsRequestEntry> entries, int start, int end) {
        List<Integer> pending = new ArrayList<>();
        for (int i = start; i < end; i++) {
            pending.add(i);
        }
        Duration pause = retries.firstPause();
        for (int attempt = 1; ; attempt++) {
            pending = put(entries, pending, attempt);
            if (pending.isEmpty() || attempt == retries.attempts()) {
                return pending;
            }
            sleep(pause);
            pause = pause.multipliedBy(2);
        }
    }

    private List<Integer> put(List<PutEventsRequestEntry> entries, List<Integer> indexes, int attempt) {
        PutEventsRequest request = PutEventsRequest.builder()
                .entries(indexes.stream().map(entries::get).toList()).build();
        List<PutEventsResultEntry> results;
        try {
            results = bus.putEvents(request).entries();
        } catch (SdkException e) {
            // The SDK's own retries are spent (throttled, 5xx, network): the whole call failed.
            LOG.warn("PutEvents failed", Map.of("attempt", attempt, "entries", indexes.size(),
                    "error", e.getClass().getSimpleName()));
            return indexes;
        }
        List<Integer> failed = new ArrayList<>();
        Map<String, Integer> codes = new LinkedHashMap<>();
        for (int i = 0; i < indexes.size(); i++) {
            // Results line up with the request's entries; a missing one is not known to be accepted.
            PutEventsResultEntry result = i < results.size() ? results.get(i) : null;
            if (result == null || result.errorCode() != null || result.eventId() == null) {
                failed.add(indexes.get(i));
                codes.merge(result == null || result.errorCode() == null ? "NoResult" : result.errorCode(), 1,
                        Integer::sum);
            }
        }
        if (!failed.isEmpty()) {
            LOG.warn("PutEvents rejected some entries", Map.of("attempt", attempt, "entries", indexes.size(),
                    "failed", failed.size(), "errorCodes", codes));
        }
        return failed;
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to retry PutEvents", e);
        }
    }
}
