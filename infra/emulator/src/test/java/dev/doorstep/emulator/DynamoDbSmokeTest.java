package dev.doorstep.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

@WithAwsEmulator
class DynamoDbSmokeTest {

    private static AttributeValue s(String v) {
        return AttributeValue.fromS(v);
    }

    @Test
    void tableWithGsiTtlAndStreamWorksOverTheWire(DynamoDbClient dynamo, DynamoDbStreamsClient streams) {
        String table = "smoke-" + UUID.randomUUID();
        String streamArn = dynamo.createTable(b -> b.tableName(table)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(
                        AttributeDefinition.builder().attributeName("pk").attributeType(ScalarAttributeType.S).build(),
                        AttributeDefinition.builder().attributeName("sk").attributeType(ScalarAttributeType.S).build(),
                        AttributeDefinition.builder().attributeName("gsi1pk").attributeType(ScalarAttributeType.S).build(),
                        AttributeDefinition.builder().attributeName("gsi1sk").attributeType(ScalarAttributeType.S).build())
                .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build(),
                        KeySchemaElement.builder().attributeName("sk").keyType(KeyType.RANGE).build())
                .globalSecondaryIndexes(GlobalSecondaryIndex.builder().indexName("gsi1")
                        .keySchema(KeySchemaElement.builder().attributeName("gsi1pk").keyType(KeyType.HASH).build(),
                                KeySchemaElement.builder().attributeName("gsi1sk").keyType(KeyType.RANGE).build())
                        .projection(Projection.builder().projectionType(ProjectionType.ALL).build()).build())
                .streamSpecification(StreamSpecification.builder().streamEnabled(true)
                        .streamViewType(StreamViewType.NEW_AND_OLD_IMAGES).build()))
                .tableDescription().latestStreamArn();
        dynamo.updateTimeToLive(b -> b.tableName(table)
                .timeToLiveSpecification(t -> t.attributeName("expiresAt").enabled(true)));

        Map<String, AttributeValue> item = Map.of("pk", s("SHOP#a"), "sk", s("ORDER#1"),
                "gsi1pk", s("DUE#0"), "gsi1sk", s("2026-01-01T00:00:00Z"), "expiresAt", AttributeValue.fromN("1"));
        dynamo.putItem(b -> b.tableName(table).item(item).conditionExpression("attribute_not_exists(pk)"));

        assertThatThrownBy(() -> dynamo.putItem(b -> b.tableName(table).item(item)
                .conditionExpression("attribute_not_exists(pk)")))
                .isInstanceOf(ConditionalCheckFailedException.class);

        var due = dynamo.query(b -> b.tableName(table).indexName("gsi1")
                .keyConditionExpression("gsi1pk = :p AND gsi1sk <= :now")
                .expressionAttributeValues(Map.of(":p", s("DUE#0"), ":now", s("2026-06-01T00:00:00Z"))));
        assertThat(due.items()).extracting(i -> i.get("sk").s()).containsExactly("ORDER#1");

        assertThat(dynamo.describeTimeToLive(b -> b.tableName(table)).timeToLiveDescription().timeToLiveStatus())
                .isEqualTo(TimeToLiveStatus.ENABLED);

        String shard = streams.describeStream(b -> b.streamArn(streamArn)).streamDescription().shards().getFirst()
                .shardId();
        String iterator = streams.getShardIterator(b -> b.streamArn(streamArn).shardId(shard)
                .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
        List<Record> records = streams.getRecords(b -> b.shardIterator(iterator)).records();
        assertThat(records).hasSize(1);
        assertThat(records.getFirst().eventNameAsString()).isEqualTo("INSERT");
        assertThat(records.getFirst().dynamodb().newImage().get("sk").s()).isEqualTo("ORDER#1");
    }
}
