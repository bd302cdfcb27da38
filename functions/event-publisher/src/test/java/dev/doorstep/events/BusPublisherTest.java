package dev.doorstep.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequest;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResultEntry;

/**
 * The PutEvents rules that no emulator exercises: the byte limit, rejected entries, failed calls.
 * The bus here is a stand-in for our own port (EventBus), answering as EventBridge documents.
 */
class BusPublisherTest {

    static final BusPublisher.Retries QUICK = new BusPublisher.Retries(3, Duration.ofMillis(1));

    /** Answers like EventBridge: one result per entry, an error code on the rejected ones. */
    static final class ScriptedBus implements EventBus {
        final List<List<String>> calls = new ArrayList<>();
        Set<String> rejectAlways = Set.of();
        int throwTimes;

        @Override
        public PutEventsResponse putEvents(PutEventsRequest request) {
            calls.add(request.entries().stream().map(PutEventsRequestEntry::detailType).toList());
            if (throwTimes-- > 0) {
                throw SdkClientException.create("connection reset");
            }
            List<PutEventsResultEntry> results = request.entries().stream().map(e -> rejectAlways.contains(
                    e.detailType()) ? PutEventsResultEntry.builder().errorCode("ThrottlingException").build()
                    : PutEventsResultEntry.builder().eventId("id-" + e.detailType()).build()).toList();
            int failed = (int) results.stream().filter(r -> r.errorCode() != null).count();
            return PutEventsResponse.builder().failedEntryCount(failed).entries(results).build();
        }
    }

    static PutEventsRequestEntry entry(String name, int detailBytes) {
        return PutEventsRequestEntry.builder().source("doorstep").detailType(name).time(Instant.EPOCH)
                .detail("{\"x\":\"" + "a".repeat(Math.max(0, detailBytes - 8)) + "\"}").build();
    }

    static List<PutEventsRequestEntry> entries(int count, int detailBytes) {
        return IntStream.range(0, count).mapToObj(i -> entry("e" + i, detailBytes)).toList();
    }

    @Test
    void callsCarryAtMostTenEntries() {
        ScriptedBus bus = new ScriptedBus();

        var outcome = new BusPublisher(bus, QUICK).publish(entries(21, 100));

        assertThat(bus.calls).extracting(List::size).containsExactly(10, 10, 1);
        assertThat(outcome.published()).isEqualTo(21);
        assertThat(outcome.firstFailed()).isEmpty();
    }

    @Test
    void callsStayWithin256KilobytesAsEventBridgeCountsThem() {
        ScriptedBus bus = new ScriptedBus();
        // Three entries of ~100 KB: two fit in 256 KB, a third would not.
        new BusPublisher(bus, QUICK).publish(entries(5, 100 * 1024));

        assertThat(bus.calls).extracting(List::size).containsExactly(2, 2, 1);
        assertThat(EventEntries.size(entry("e1", 100))).isEqualTo(14 + "doorstep".length() + 2 + 100);
    }

    @Test
    void anEntryOverTheLimitIsAnErrorNotASilentDrop() {
        assertThatThrownBy(() -> new BusPublisher(new ScriptedBus(), QUICK).publish(entries(1, 300 * 1024)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("over EventBridge's limit");
    }

    @Test
    void rejectedEntriesAreRetriedAloneABoundedNumberOfTimesThenReportedByPlace() {
        ScriptedBus bus = new ScriptedBus();
        bus.rejectAlways = Set.of("e3", "e5");

        var outcome = new BusPublisher(bus, QUICK).publish(entries(12, 100));

        assertThat(bus.calls).containsExactly(
                List.of("e0", "e1", "e2", "e3", "e4", "e5", "e6", "e7", "e8", "e9"),
                List.of("e3", "e5"),
                List.of("e3", "e5"));
        assertThat(outcome.firstFailed()).isEqualTo(OptionalInt.of(3));
        assertThat(outcome.published()).as("later calls are not made").isEqualTo(8);
    }

    @Test
    void aFailedCallIsRetriedWhole() {
        ScriptedBus bus = new ScriptedBus();
        bus.throwTimes = 2;

        var outcome = new BusPublisher(bus, QUICK).publish(entries(3, 100));

        assertThat(bus.calls).hasSize(3).allSatisfy(c -> assertThat(c).hasSize(3));
        assertThat(outcome.firstFailed()).isEmpty();
        assertThat(outcome.published()).isEqualTo(3);
    }

    @Test
    void aCallThatKeepsFailingReportsItsFirstEntry() {
        ScriptedBus bus = new ScriptedBus();
        bus.throwTimes = 99;

        var outcome = new BusPublisher(bus, QUICK).publish(entries(13, 100));

        assertThat(bus.calls).hasSize(3);
        assertThat(outcome.firstFailed()).isEqualTo(OptionalInt.of(0));
        assertThat(outcome.published()).isZero();
    }

    @Test
    void aResultWithoutAnEventIdIsNotTakenAsPublished() {
        List<List<String>> calls = new ArrayList<>();
        EventBus silent = request -> {
            calls.add(request.entries().stream().map(PutEventsRequestEntry::detailType).toList());
            return PutEventsResponse.builder().failedEntryCount(0).entries(List.of()).build();
        };

        var outcome = new BusPublisher(silent, QUICK).publish(entries(2, 100));

        assertThat(calls).hasSize(3);
        assertThat(outcome.firstFailed()).isEqualTo(OptionalInt.of(0));
    }
}
