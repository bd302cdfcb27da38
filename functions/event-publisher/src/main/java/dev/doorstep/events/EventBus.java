package dev.doorstep.events;

import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequest;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;

/**
 * The one EventBridge call the publisher makes. A seam so that a test can make entries fail
 * (EventBridge may reject some entries of a call; emulators never do) around the real client.
 */
@FunctionalInterface
public interface EventBus {

    PutEventsResponse putEvents(PutEventsRequest request);

    static EventBus of(EventBridgeClient client) {
        return client::putEvents;
    }
}
