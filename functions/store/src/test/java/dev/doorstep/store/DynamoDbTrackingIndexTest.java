package dev.doorstep.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.doorstep.core.model.OrderKey;
import dev.doorstep.emulator.WithAwsEmulator;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

@WithAwsEmulator
class DynamoDbTrackingIndexTest {

    static final String SHOP = "acme-tea.myshopify.com";

    final DynamoDbClient dynamo;
    final String table = "index-" + UUID.randomUUID();
    final DynamoDbTrackingIndex index;

    DynamoDbTrackingIndexTest(DynamoDbClient dynamo) {
        this.dynamo = dynamo;
        DoorstepTable.create(dynamo, table);
        index = new DynamoDbTrackingIndex(dynamo, table);
    }

    @Test
    void everyOrderThatTookATrackingIsListedOnceUnderItInTheShopsPartition() {
        index.add(new OrderKey(SHOP, "1001"), "trk-1");
        index.add(new OrderKey(SHOP, "1002"), "trk-1");
        index.add(new OrderKey(SHOP, "1001"), "trk-1");
        index.add(new OrderKey("other.myshopify.com", "1003"), "trk-1");

        assertThat(index.ordersUsing(SHOP, "trk-1"))
                .containsExactlyInAnyOrder(new OrderKey(SHOP, "1001"), new OrderKey(SHOP, "1002"));
        assertThat(index.ordersUsing(SHOP, "trk-2")).isEmpty();
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).key(Map.of(
                "pk", AttributeValue.fromS("SHOP#" + SHOP), "sk", AttributeValue.fromS("TRACKING#trk-1")))).item();
        assertThat(item.get("type").s()).isEqualTo("TRACKING");
    }
}
