package dev.doorstep.contract;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/** EventPublisherFunction: the order-change stream record becomes domain events on the Doorstep bus. */
class EventPublisherContractTest extends FunctionContract {

    @Override
    String logicalId() {
        return "EventPublisherFunction";
    }

    @Test
    @Order(1)
    void theOrderChangeIsPublishedOnTheBus() {
        noBatchItemFailures(invokeOk(Samples.text("event-publisher/order-delivered.json")));
        var messages = deployment.aws.sqs.receiveMessage(b -> b.queueUrl(deployment.aws.busEventsQueueUrl)
                .maxNumberOfMessages(10).waitTimeSeconds(2)).messages();
        assertThat(messages).extracting(m -> Samples.json(m.body())).anySatisfy(event -> {
            assertThat(event.path("source").asText()).isEqualTo("doorstep");
            assertThat(event.path("detail-type").asText()).isEqualTo("DeliverySeen");
            assertThat(event.path("detail").path("shop").asText()).isEqualTo(Seeds.SHOP);
        });
    }
}
