package dev.doorstep.events;

import dev.doorstep.core.events.DomainEvent;
import java.nio.charset.StandardCharsets;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;

/** Domain events as PutEvents entries on the Doorstep bus, and their size as EventBridge counts it. */
final class EventEntries {

    static final String SOURCE = "doorstep";

    private final String busName;

    EventEntries(String busName) {
        this.busName = busName;
    }

    PutEventsRequestEntry of(DomainEvent event) {
        return PutEventsRequestEntry.builder()
                .eventBusName(busName)
                .source(SOURCE)
                .detailType(event.detailType())
                .time(event.header().occurredAt())
                .detail(EventDetails.of(event).toString())
                .build();
    }

    /** EventBridge's own rule: Time counts 14 bytes, the text fields their UTF-8 length. */
    static int size(PutEventsRequestEntry entry) {
        int size = entry.time() == null ? 0 : 14;
        size += utf8(entry.source()) + utf8(entry.detailType()) + utf8(entry.detail());
        if (entry.hasResources()) {
            size += entry.resources().stream().mapToInt(EventEntries::utf8).sum();
        }
        return size;
    }

    private static int utf8(String text) {
        return text == null ? 0 : text.getBytes(StandardCharsets.UTF_8).length;
    }
}
