package dev.doorstep.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.doorstep.core.delivery.DeliverySource;
import dev.doorstep.core.events.DomainEvent;
import dev.doorstep.core.events.EventHeader;
import dev.doorstep.core.events.EventIds;
import dev.doorstep.core.model.OrderKey;
import dev.doorstep.core.model.OrderStatus;
import dev.doorstep.core.timing.TimingReason;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The contract in docs/events: one schema per detail-type, and it fits what the code writes. (Every
 * event the rest of the suite publishes is checked too, by {@link RecordingBus}.)
 */
class EventSchemasTest {

    static final OrderKey KEY = new OrderKey("acme-tea.myshopify.com", "5001");
    static final Instant AT = Instant.parse("2026-03-02T10:00:00.123Z");

    static EventHeader header(long sequence) {
        return new EventHeader(EventIds.of(KEY, AT, sequence), KEY, "#1001", sequence, AT);
    }

    /** One of each type, with every optional field set, and one with every optional field left out. */
    static Stream<DomainEvent> everyKind() {
        return Stream.of(
                new DomainEvent.OrderReceived(header(0), AT),
                new DomainEvent.OrderReceived(new EventHeader(EventIds.of(KEY, AT, 0), KEY, null, 0, AT), null),
                new DomainEvent.TrackingCreated(header(4), "trk-1", AT),
                new DomainEvent.TrackingCreated(header(4), null, null),
                new DomainEvent.TrackingFailed(header(4), "INVALID_TRACKING_NUMBER", "invalid number", 1, AT),
                new DomainEvent.TrackingFailed(header(5), null, "gave up", 2, null),
                new DomainEvent.DeliverySeen(header(5), AT, DeliverySource.WEBHOOK),
                new DomainEvent.DeliverySeen(header(5), AT, DeliverySource.POLL),
                new DomainEvent.DeliverySeen(header(5), AT, null),
                new DomainEvent.ReviewRequestScheduled(header(6), AT, TimingReason.MINIMUM_DELAY_FLOOR, "floor"),
                new DomainEvent.ReviewRequestScheduled(header(6), AT, null, "floor"),
                new DomainEvent.ReviewRequestSent(header(10), "ses-1"),
                new DomainEvent.ReviewRequestSent(header(10), null),
                new DomainEvent.ReviewRequestSkipped(header(10), "unsubscribed", OrderStatus.SCHEDULED),
                new DomainEvent.ReviewRequestCancelled(header(2), "refunded", OrderStatus.RECEIVED),
                new DomainEvent.ReviewRequestFailed(header(10), "bounced", OrderStatus.SENDING));
    }

    @ParameterizedTest
    @MethodSource("everyKind")
    void whatTheCodeWritesKeepsTheSchema(DomainEvent event) {
        var entry = new EventEntries("doorstep-test").of(event);

        assertThat(entry.source()).isEqualTo("doorstep");
        assertThat(entry.detailType()).isEqualTo(event.getClass().getSimpleName());
        assertThat(entry.time()).isEqualTo(AT);
        EventSchemas.assertValid(entry);
    }

    @Test
    void everyDetailTypeHasASchemaAndEverySchemaADetailType() throws IOException {
        List<String> types = Arrays.stream(DomainEvent.class.getPermittedSubclasses()).map(Class::getSimpleName)
                .sorted().toList();
        List<String> files;
        try (Stream<Path> listing = Files.list(EventSchemas.FOLDER)) {
            files = listing.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".v1.json"))
                    .map(n -> n.substring(0, n.length() - ".v1.json".length())).sorted().toList();
        }

        assertThat(files).isEqualTo(types).hasSize(9);
    }

    @Test
    void eachSchemasOwnExampleIsValid() {
        for (Class<?> type : DomainEvent.class.getPermittedSubclasses()) {
            JsonNode schema = EventSchemas.schemaJson(type.getSimpleName());
            assertThat(schema.path("examples")).as(type.getSimpleName()).isNotEmpty();
            schema.path("examples").forEach(example -> assertThat(EventSchemas.problems(type.getSimpleName(), example))
                    .as(type.getSimpleName() + " example").isEmpty());
        }
    }

    @Test
    void schemasRefuseCustomerFieldsAndMissingIdentity() {
        ObjectNode detail = EventDetails.of(new DomainEvent.ReviewRequestSent(header(10), "ses-1"));
        assertThat(EventSchemas.problems("ReviewRequestSent", detail)).isEmpty();

        assertThat(EventSchemas.problems("ReviewRequestSent", detail.deepCopy().put("email", "ada@example.com")))
                .isNotEmpty();
        ObjectNode withoutId = detail.deepCopy();
        withoutId.remove("eventId");
        assertThat(EventSchemas.problems("ReviewRequestSent", withoutId)).isNotEmpty();
        assertThat(EventSchemas.problems("ReviewRequestSent", detail.deepCopy().put("occurredAt", "yesterday")))
                .isNotEmpty();
        assertThat(EventSchemas.problems("ReviewRequestSent", detail.deepCopy().put("schemaVersion", 2)))
                .isNotEmpty();
    }
}
