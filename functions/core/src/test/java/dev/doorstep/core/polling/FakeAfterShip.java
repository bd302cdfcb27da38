package dev.doorstep.core.polling;

import dev.doorstep.core.port.Page;
import dev.doorstep.core.tracking.TrackedShipment;
import dev.doorstep.core.tracking.TrackingCreated;
import dev.doorstep.core.tracking.TrackingFailure;
import dev.doorstep.core.tracking.TrackingQuery;
import dev.doorstep.core.tracking.TrackingRequest;
import dev.doorstep.core.tracking.TrackingService;
import dev.doorstep.core.tracking.TrackingServiceException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * AfterShip's list-trackings contract in memory, counting requests: trackings per shop, filtered to the
 * query's update window, oldest change first, {@link #PAGE} per page, and failures on demand.
 */
final class FakeAfterShip implements TrackingService {

    static final int PAGE = 200;

    final Map<String, List<TrackedShipment>> trackings = new ConcurrentHashMap<>();
    final Deque<TrackingCreated> createAnswers = new ArrayDeque<>();
    final AtomicInteger listRequests = new AtomicInteger();
    final AtomicInteger createRequests = new AtomicInteger();
    final List<TrackingQuery> queries = new ArrayList<>();
    /** The list request number (1-based, over all shops) that fails with a 5xx, or 0. */
    volatile int failOnRequest;
    volatile TrackingFailure failWith = TrackingFailure.UNAVAILABLE;

    void add(String shop, TrackedShipment shipment) {
        trackings.computeIfAbsent(shop, s -> new ArrayList<>()).add(shipment);
    }

    @Override
    public TrackingCreated create(TrackingRequest request) {
        createRequests.incrementAndGet();
        TrackingCreated answer = createAnswers.poll();
        return answer != null ? answer
                : new TrackingCreated.Failed(TrackingFailure.INVALID_TRACKING_NUMBER, "4005 (no answer scripted)");
    }

    @Override
    public Page<TrackedShipment> changed(String shop, TrackingQuery query) {
        int n = listRequests.incrementAndGet();
        synchronized (queries) {
            queries.add(query);
        }
        if (n == failOnRequest) {
            throw new TrackingServiceException(failWith, "scripted");
        }
        List<TrackedShipment> matching = trackings.getOrDefault(shop, List.of()).stream()
                .filter(t -> !t.updatedAt().isBefore(query.updatedSince()))
                .filter(t -> query.updatedUntil() == null || !t.updatedAt().isAfter(query.updatedUntil()))
                .sorted(Comparator.comparing(TrackedShipment::updatedAt).thenComparing(TrackedShipment::trackingId))
                .toList();
        int from = query.cursor() == null ? 0 : Integer.parseInt(query.cursor());
        int to = Math.min(matching.size(), from + PAGE);
        return new Page<>(matching.subList(from, to), to < matching.size() ? Integer.toString(to) : null);
    }

    @Override
    public Optional<TrackedShipment> find(String shop, String trackingId) {
        return trackings.getOrDefault(shop, List.of()).stream().filter(t -> t.trackingId().equals(trackingId))
                .findFirst();
    }
}
