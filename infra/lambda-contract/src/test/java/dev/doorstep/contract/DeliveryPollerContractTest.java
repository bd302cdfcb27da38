package dev.doorstep.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * DeliveryPollerFunction: the 12-hourly invocation queues one poll per tracked shop, for the payload
 * EventBridge Scheduler really sends a target without Input, whose {@code detail} is the string "{}"
 * (reference/aws.md, "Contract facts"), and for an EventBridge rule's object {@code detail} too.
 */
class DeliveryPollerContractTest extends FunctionContract {

    @Override
    String logicalId() {
        return "DeliveryPollerFunction";
    }

    @Test
    @Order(1)
    void theScheduledSampleQueuesTheTrackedShop() {
        seeds.shop();
        JsonNode summary = Samples.json(invokeOk(Samples.text("delivery-poller/scheduled.json")).response());
        assertThat(summary.path("shopsQueued").asInt()).as(summary.toString()).isGreaterThanOrEqualTo(1);
        assertThat(queuedPolls()).contains(Seeds.SHOP);
    }

    @Test
    @Order(2)
    void schedulersOwnPayloadWithAStringDetailIsAccepted() {
        seeds.shop();
        ObjectNode scheduler = (ObjectNode) Samples.json(Samples.text("delivery-poller/scheduled.json"));
        scheduler.put("detail", "{}");
        JsonNode summary = Samples.json(invokeOk(scheduler.toString()).response());
        assertThat(summary.path("shopsQueued").asInt()).as(summary.toString()).isGreaterThanOrEqualTo(1);
    }

    @Test
    @Order(3)
    void aRulesObjectDetailIsAcceptedToo() {
        seeds.shop();
        ObjectNode rule = (ObjectNode) Samples.json(Samples.text("delivery-poller/scheduled.json"));
        rule.putObject("detail");
        JsonNode summary = Samples.json(invokeOk(rule.toString()).response());
        assertThat(summary.path("shopsQueued").asInt()).as(summary.toString()).isGreaterThanOrEqualTo(1);
    }

    private String queuedPolls() {
        var sqs = deployment.aws.sqs;
        StringBuilder bodies = new StringBuilder();
        sqs.receiveMessage(b -> b.queueUrl(deployment.aws.shopPollQueueUrl).maxNumberOfMessages(10))
                .messages().forEach(m -> {
                    bodies.append(m.body());
                    sqs.deleteMessage(b -> b.queueUrl(deployment.aws.shopPollQueueUrl).receiptHandle(m.receiptHandle()));
                });
        return bodies.toString();
    }
}
