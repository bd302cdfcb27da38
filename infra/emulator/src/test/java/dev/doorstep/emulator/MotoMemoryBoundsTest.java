package dev.doorstep.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * What doorstep_moto_server.py bounds (issue 18): read stream records beyond the newest 1,000 go
 * (never one a reader has not had), and moto's dashboard dump no longer holds every item version ever
 * written. Plain moto keeps both until a reset: 11.7 GB after an hour of local scenarios.
 */
@WithAwsEmulator
class MotoMemoryBoundsTest {

    @Test
    void readStreamRecordsAreDroppedButNoneBeforeItWasRead(AwsEmulator emulator, DynamoDbClient dynamo,
            DynamoDbStreamsClient streams) throws Exception {
        assumeTrue(emulator instanceof MotoServer, "the bounds are doorstep_moto_server.py's");
        String table = "bounds-" + UUID.randomUUID();
        String streamArn = dynamo.createTable(b -> b.tableName(table).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(AttributeDefinition.builder().attributeName("pk")
                        .attributeType(ScalarAttributeType.S).build())
                .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build())
                .streamSpecification(s -> s.streamEnabled(true).streamViewType(StreamViewType.NEW_AND_OLD_IMAGES)))
                .tableDescription().latestStreamArn();
        TableStream reader = new TableStream(streams, streamArn);
        Set<String> seen = new HashSet<>();
        int written = 0;
        for (int round = 0; round < 13; round++) {
            for (int i = 0; i < 100; i++, written++) {
                String pk = "item-" + written;
                dynamo.putItem(b -> b.tableName(table).item(Map.of("pk", AttributeValue.fromS(pk))));
            }
            reader.nextRecords().forEach(r -> seen.add(r.dynamodb().keys().get("pk").s()));
        }

        assertThat(seen).as("the reader had every record").hasSize(written);
        String shard = streams.describeStream(b -> b.streamArn(streamArn)).streamDescription().shards().getFirst()
                .shardId();
        String fromStart = streams.getShardIterator(b -> b.streamArn(streamArn).shardId(shard)
                .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
        List<Record> oldest = streams.getRecords(b -> b.shardIterator(fromStart).limit(1)).records();
        assertThat(oldest.getFirst().dynamodb().keys().get("pk").s())
                .as("the oldest read records were trimmed").isNotEqualTo("item-0");

        String dump = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(emulator.endpoint() + "/moto-api/data.json")).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body();
        assertThat(dump).as("item versions are not kept for the dashboard").doesNotContain("item-1000");
    }
}
