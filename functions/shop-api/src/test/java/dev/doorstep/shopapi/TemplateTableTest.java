package dev.doorstep.shopapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.doorstep.core.model.OrderStatus;
import dev.doorstep.emulator.ProjectRoot;
import dev.doorstep.store.DoorstepTable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;

/**
 * template.yaml's table is the Java definition {@link DoorstepTable} (docs/table.md), and the stream
 * filters select on the attributes and values the store writes. Short tags (!Ref, !GetAtt, !Sub, !If)
 * are YAML tags: Jackson reads the tagged value and ignores the tag, which is all a comparison of the
 * table's literal properties needs.
 */
class TemplateTableTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private final JsonNode template = read();
    private final JsonNode table = template.at("/Resources/Table/Properties");

    private static JsonNode read() {
        try {
            return YAML.readTree(ProjectRoot.find().resolve("template.yaml").toFile());
        } catch (IOException e) {
            throw new AssertionError("template.yaml does not parse", e);
        }
    }

    @Test
    void theWholeTemplateParsesShortTagsIncluded() {
        assertThat(template.at("/Resources/Table/Type").asText()).isEqualTo("AWS::DynamoDB::Table");
        assertThat(template.at("/Globals/Function/Environment/Variables/TABLE_NAME").asText()).isEqualTo("Table");
        assertThat(template.at("/Resources/ShopifyWebhookFunction/Properties/Environment/Variables/SHOPIFY_SECRET_ID")
                .asText()).isEqualTo("ShopifySecret");
    }

    @Test
    void keysAndAttributesAreDoorstepTables() {
        List<String> keys = new ArrayList<>();
        table.get("KeySchema").forEach(k -> keys.add(k.get("AttributeName").asText() + " " + k.get("KeyType").asText()));
        assertThat(keys).containsExactlyElementsOf(DoorstepTable.keySchema().stream()
                .map(k -> k.attributeName() + " " + k.keyTypeAsString()).toList());

        List<String> attributes = new ArrayList<>();
        table.get("AttributeDefinitions").forEach(a ->
                attributes.add(a.get("AttributeName").asText() + " " + a.get("AttributeType").asText()));
        assertThat(attributes).containsExactlyInAnyOrderElementsOf(DoorstepTable.attributeDefinitions().stream()
                .map(TemplateTableTest::text).toList());
        assertThat(table.get("BillingMode").asText()).isEqualTo(DoorstepTable.BILLING.toString());
    }

    @Test
    void theIndexesAreDoorstepTables() {
        List<GlobalSecondaryIndex> expected = List.of(DoorstepTable.gsi1(), DoorstepTable.gsi2());
        assertThat(table.get("GlobalSecondaryIndexes")).hasSize(expected.size());
        for (int i = 0; i < expected.size(); i++) {
            GlobalSecondaryIndex gsi = expected.get(i);
            JsonNode index = table.get("GlobalSecondaryIndexes").get(i);
            assertThat(index.get("IndexName").asText()).isEqualTo(gsi.indexName());
            List<String> keys = new ArrayList<>();
            index.get("KeySchema").forEach(k -> keys.add(k.get("AttributeName").asText() + " "
                    + k.get("KeyType").asText()));
            assertThat(keys).containsExactlyElementsOf(gsi.keySchema().stream().map(TemplateTableTest::text).toList());
            assertThat(index.at("/Projection/ProjectionType").asText())
                    .isEqualTo(gsi.projection().projectionTypeAsString());
        }
    }

    @Test
    void ttlStreamAndRecovery() {
        assertThat(table.at("/TimeToLiveSpecification/AttributeName").asText()).isEqualTo(DoorstepTable.EXPIRES_AT);
        assertThat(table.at("/TimeToLiveSpecification/Enabled").asBoolean()).isTrue();
        assertThat(table.at("/StreamSpecification/StreamViewType").asText())
                .isEqualTo(DoorstepTable.STREAM_VIEW.toString());
        assertThat(table.at("/PointInTimeRecoverySpecification/PointInTimeRecoveryEnabled").asBoolean()).isTrue();
    }

    @Test
    void streamFiltersSelectOnWhatTheStoreWrites() throws IOException {
        // One mapping (DynamoDB Streams: at most two readers per shard), one pattern per logic it routes to.
        JsonNode creator = filter("OrderStreamFunction", "OrderStream", 0);
        assertThat(creator.at("/eventName/0").asText()).isEqualTo("INSERT");
        assertThat(creator.at("/dynamodb/NewImage/" + DoorstepTable.TYPE + "/S/0").asText())
                .isEqualTo(DoorstepTable.TYPE_ORDER);
        assertThat(creator.at("/dynamodb/NewImage/" + DoorstepTable.STATUS + "/S/0").asText())
                .isEqualTo(OrderStatus.CREATING_TRACKING.name());

        JsonNode fallback = filter("OrderStreamFunction", "OrderStream", 1);
        assertThat(fallback.at("/eventName/0").asText()).isEqualTo("REMOVE");
        assertThat(fallback.at("/userIdentity/type/0").asText()).isEqualTo("Service");
        assertThat(fallback.at("/userIdentity/principalId/0").asText()).isEqualTo("dynamodb.amazonaws.com");
        assertThat(fallback.at("/dynamodb/OldImage/" + DoorstepTable.TYPE + "/S/0").asText())
                .isEqualTo(DoorstepTable.TYPE_FALLBACK);
    }

    private JsonNode filter(String function, String event, int pattern) throws IOException {
        JsonNode properties = template.at("/Resources/" + function + "/Properties/Events/" + event + "/Properties");
        assertThat(properties.at("/FunctionResponseTypes/0").asText()).isEqualTo("ReportBatchItemFailures");
        assertThat(properties.at("/BisectBatchOnFunctionError").asBoolean()).isTrue();
        assertThat(properties.at("/DestinationConfig/OnFailure/Type").asText()).isEqualTo("SQS");
        return new ObjectMapper().readTree(properties.at("/FilterCriteria/Filters/" + pattern + "/Pattern").asText());
    }

    private static String text(AttributeDefinition a) {
        return a.attributeName() + " " + a.attributeTypeAsString();
    }

    private static String text(KeySchemaElement k) {
        return k.attributeName() + " " + k.keyTypeAsString();
    }
}
