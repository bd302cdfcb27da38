package dev.doorstep.events;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequest;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResultEntry;

/**
 * The bus every test of this module publishes through: it checks each entry against its schema in
 * docs/events (so every event the suite produces keeps the contract), records each call, and can
 * reject chosen entries the way EventBridge does (an error code in the entry's result, the call
 * itself accepted), since emulators never do. Everything else goes to the real bus behind it.
 */
final class RecordingBus implements EventBus {

    private final EventBus real;
    private final List<List<PutEventsRequestEntry>> calls = new ArrayList<>();
    private final Map<String, Integer> rejectionsLeft = new HashMap<>();
    private Predicate<PutEventsRequestEntry> rejected = e -> false;

    RecordingBus(EventBus real) {
        this.real = real;
    }

    /** Rejects each entry that matches, {@code times} times, then lets it through. */
    RecordingBus rejecting(Predicate<PutEventsRequestEntry> which, int times) {
        rejected = e -> which.test(e) && rejectionsLeft.merge(e.detail(), 1, Integer::sum) <= times;
        return this;
    }

    List<List<PutEventsRequestEntry>> calls() {
        return calls;
    }

    @Override
    public synchronized PutEventsResponse putEvents(PutEventsRequest request) {
        request.entries().forEach(EventSchemas::assertValid);
        calls.add(List.copyOf(request.entries()));
        List<PutEventsRequestEntry> passed = new ArrayList<>();
        List<Boolean> rejectedHere = new ArrayList<>();
        for (PutEventsRequestEntry entry : request.entries()) {
            boolean no = rejected.test(entry);
            rejectedHere.add(no);
            if (!no) {
                passed.add(entry);
            }
        }
        List<PutEventsResultEntry> passedResults = passed.isEmpty() ? List.of()
                : real.putEvents(request.toBuilder().entries(passed).build()).entries();
        List<PutEventsResultEntry> results = new ArrayList<>();
        int next = 0;
        int failed = 0;
        for (boolean no : rejectedHere) {
            if (no) {
                failed++;
                results.add(PutEventsResultEntry.builder().errorCode("InternalFailure")
                        .errorMessage("rejected by the test").build());
            } else {
                PutEventsResultEntry r = passedResults.get(next++);
                failed += r.errorCode() == null ? 0 : 1;
                results.add(r);
            }
        }
        return PutEventsResponse.builder().failedEntryCount(failed).entries(results).build();
    }
}
