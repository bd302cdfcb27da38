package dev.doorstep.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.doorstep.emulator.ProjectRoot;
import dev.doorstep.store.DoorstepTable;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * template.yaml wires the publisher as the code expects: the stream filter lets through what
 * {@link OrderChange} takes, failures go back to the stream, and the bus name reaches the function.
 * (Short tags such as !Ref are read as their plain values.)
 */
class TemplateEventsTest {

    private final JsonNode resources = read().path("Resources");

    private static JsonNode read() {
        try {
            return new ObjectMapper(new YAMLFactory()).readTree(ProjectRoot.find().resolve("template.yaml").toFile());
        } catch (IOException e) {
            throw new AssertionError("template.yaml does not parse", e);
        }
    }

    @Test
    void theStreamSourceTakesOrderInsertsAndModificationsAndHandsFailuresBack() throws IOException {
        JsonNode function = resources.path("EventPublisherFunction").path("Properties");
        JsonNode source = function.at("/Events/OrderChanges/Properties");

        assertThat(function.path("Handler").asText())
                .isEqualTo(EventPublisherFunction.class.getName() + "::handleRequest");
        assertThat(source.path("FunctionResponseTypes").toString()).contains("ReportBatchItemFailures");
        assertThat(source.path("BisectBatchOnFunctionError").asBoolean()).isTrue();
        assertThat(source.path("MaximumRetryAttempts").asInt()).isBetween(1, 100);
        assertThat(source.at("/DestinationConfig/OnFailure/Destination").toString()).contains("StreamFailuresQueue");
        JsonNode pattern = new ObjectMapper().readTree(source.at("/FilterCriteria/Filters/0/Pattern").asText());
        assertThat(pattern.path("eventName").toString()).isEqualTo("[\"INSERT\",\"MODIFY\"]");
        assertThat(pattern.at("/dynamodb/NewImage/" + DoorstepTable.TYPE + "/S/0").asText())
                .isEqualTo(DoorstepTable.TYPE_ORDER);
    }

    @Test
    void theFunctionMayPutEventsOnTheBusItIsToldOf() {
        JsonNode function = resources.path("EventPublisherFunction").path("Properties");

        assertThat(function.at("/Environment/Variables/EVENT_BUS_NAME").asText()).isEqualTo("EventBus");
        assertThat(function.at("/Policies/0/EventBridgePutEventsPolicy/EventBusName").asText()).isEqualTo("EventBus");
        assertThat(resources.at("/EventBus/Type").asText()).isEqualTo("AWS::Events::EventBus");
    }

    @Test
    void theBusHasAnArchiveAndTheExampleRuleFeedsItsQueue() {
        assertThat(resources.at("/EventArchive/Type").asText()).isEqualTo("AWS::Events::Archive");
        assertThat(resources.at("/EventArchive/Properties/RetentionDays").asInt()).isPositive();
        JsonNode rule = resources.path("ExampleEventsRule").path("Properties");
        assertThat(rule.path("EventBusName").asText()).isEqualTo("EventBus");
        assertThat(rule.at("/EventPattern/source/0").asText()).isEqualTo(EventEntries.SOURCE);
        assertThat(rule.at("/Targets/0/Arn").toString()).contains("ExampleEventsQueue");
        assertThat(resources.at("/ExampleEventsQueuePolicy/Properties/PolicyDocument/Statement/0/Action").asText())
                .isEqualTo("sqs:SendMessage");
    }
}
