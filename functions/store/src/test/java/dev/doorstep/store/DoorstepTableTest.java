package dev.doorstep.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.doorstep.emulator.WithAwsEmulator;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;

@WithAwsEmulator
class DoorstepTableTest {

    @Test
    void theTableIsCreatedAsDocsTableMdDescribesIt(DynamoDbClient dynamo) {
        String name = "doorstep-" + UUID.randomUUID();
        String streamArn = DoorstepTable.create(dynamo, name);

        var table = dynamo.describeTable(b -> b.tableName(name)).table();
        assertThat(streamArn).isNotBlank();
        assertThat(table.keySchema()).extracting(k -> k.attributeName() + ":" + k.keyType())
                .containsExactly("pk:" + KeyType.HASH, "sk:" + KeyType.RANGE);
        assertThat(table.globalSecondaryIndexes()).hasSize(2).anySatisfy(gsi -> {
            assertThat(gsi.indexName()).isEqualTo("gsi1");
            assertThat(gsi.keySchema()).extracting(k -> k.attributeName()).containsExactly("gsi1pk", "gsi1sk");
            assertThat(gsi.projection().projectionType()).isEqualTo(ProjectionType.ALL);
        }).anySatisfy(gsi -> {
            assertThat(gsi.indexName()).isEqualTo("gsi2");
            assertThat(gsi.keySchema()).extracting(k -> k.attributeName()).containsExactly("gsi2pk", "gsi2sk");
            assertThat(gsi.projection().projectionType()).isEqualTo(ProjectionType.KEYS_ONLY);
        });
        assertThat(table.streamSpecification().streamViewType()).isEqualTo(StreamViewType.NEW_AND_OLD_IMAGES);
        var ttl = dynamo.describeTimeToLive(b -> b.tableName(name)).timeToLiveDescription();
        assertThat(ttl.timeToLiveStatus()).isEqualTo(TimeToLiveStatus.ENABLED);
        assertThat(ttl.attributeName()).isEqualTo("expiresAt");
    }
}
