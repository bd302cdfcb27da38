package dev.doorstep.events;

import static dev.doorstep.lambda.Quiet.silently;
import static org.assertj.core.api.Assertions.assertThat;

import dev.doorstep.emulator.WithAwsEmulator;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * SnapStart priming runs at deployment time: over the wire here, with a bus on EventBridge whose rule
 * feeds an SQS queue (the template's example rule), it must build the handler's entries and publish none:
 * nothing reaches the bus or the queue, not one log or metric line.
 */
@WithAwsEmulator
class EventPublisherPrimingTest {

    final SqsClient sqs;
    final String bus = "doorstep-" + UUID.randomUUID();
    final String queueUrl;
    final RecordingBus recording;
    final EventPublisherFunction function;

    EventPublisherPrimingTest(EventBridgeClient events, SqsClient sqs) {
        this.sqs = sqs;
        events.createEventBus(b -> b.name(bus));
        queueUrl = sqs.createQueue(b -> b.queueName("events-" + UUID.randomUUID())).queueUrl();
        String queueArn = sqs.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        events.putRule(b -> b.name("all-doorstep-events").eventBusName(bus).eventPattern("{\"source\":[\"doorstep\"]}"));
        events.putTargets(b -> b.rule("all-doorstep-events").eventBusName(bus)
                .targets(t -> t.id("example-queue").arn(queueArn)));
        recording = new RecordingBus(EventBus.of(events));
        function = new EventPublisherFunction(recording, bus, java.time.Clock.systemUTC());
    }

    @Test
    void primingBuildsTheHandlersEntriesAndPutsNothingOnTheBus() {
        List<PutEventsRequestEntry> built = silently(() -> EventPublisherPriming.prime(new EventEntries(bus)));

        assertThat(built).extracting(PutEventsRequestEntry::detailType)
                .containsExactly("DeliverySeen", "ReviewRequestScheduled");
        assertThat(built).allSatisfy(e -> assertThat(e.eventBusName()).isEqualTo(bus));
        assertThat(recording.calls()).isEmpty();
        assertThat(sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(0))
                .messages()).isEmpty();
    }

    @Test
    void thePrimingEntriesKeepThePublishedContractAndNameAnOrderThatCannotBeStored() {
        List<PutEventsRequestEntry> built = silently(() -> EventPublisherPriming.prime(new EventEntries(bus)));

        built.forEach(EventSchemas::assertValid);
        assertThat(built).allSatisfy(e -> assertThat(e.detail()).contains(EventPublisherPriming.ORDER.shop()));
        // shops are stored only as <name>.myshopify.com, and Shopify's order ids are integers
        assertThat(EventPublisherPriming.ORDER.shop()).doesNotEndWith(".myshopify.com");
        assertThat(EventPublisherPriming.ORDER.orderId()).doesNotContainPattern("^\\d+$");
    }

    @Test
    void theHandlerItselfWouldPublishExactlyThePrimingEntriesFromTheBuiltInRecord() {
        var event = new com.amazonaws.services.lambda.runtime.events.DynamodbEvent();
        event.setRecords(List.of(EventPublisherPriming.record()));

        assertThat(function.handleRequest(event, null).getBatchItemFailures()).isEmpty();

        assertThat(recording.calls()).singleElement()
                .isEqualTo(EventPublisherPriming.prime(new EventEntries(bus)));
    }
}
