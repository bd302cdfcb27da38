package dev.doorstep.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

@WithAwsEmulator
class EventBridgeSmokeTest {

    @Test
    void putEventsOnABusReachesAQueueThroughARule(EventBridgeClient events, SqsClient sqs) throws Exception {
        String bus = "smoke-" + UUID.randomUUID();
        events.createEventBus(b -> b.name(bus));
        String queueUrl = sqs.createQueue(b -> b.queueName("smoke-" + UUID.randomUUID())).queueUrl();
        String queueArn = sqs.getQueueAttributes(b -> b.queueUrl(queueUrl)
                .attributeNames(QueueAttributeName.QUEUE_ARN)).attributes().get(QueueAttributeName.QUEUE_ARN);
        events.putRule(b -> b.name("all-doorstep").eventBusName(bus).eventPattern("{\"source\":[\"doorstep\"]}"));
        events.putTargets(b -> b.rule("all-doorstep").eventBusName(bus).targets(t -> t.id("q").arn(queueArn)));

        PutEventsResponse put = events.putEvents(b -> b.entries(e -> e.eventBusName(bus).source("doorstep")
                .detailType("OrderReceived").detail("{\"shop\":\"demo\",\"orderId\":\"1001\"}")));

        assertThat(put.failedEntryCount()).isZero();
        var received = sqs.receiveMessage(b -> b.queueUrl(queueUrl).waitTimeSeconds(2)).messages();
        assertThat(received).hasSize(1);
        JsonNode event = new ObjectMapper().readTree(received.getFirst().body());
        assertThat(event.path("detail-type").asText()).isEqualTo("OrderReceived");
        assertThat(event.path("source").asText()).isEqualTo("doorstep");
        assertThat(event.path("detail").path("orderId").asText()).isEqualTo("1001");
    }
}
