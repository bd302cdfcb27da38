package dev.doorstep.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.doorstep.core.intake.CustomerDataExport;
import dev.doorstep.emulator.WithAwsEmulator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

@WithAwsEmulator
class DynamoDbCustomerDataExportsTest {

    private static final String SHOP = "acme-outdoor.myshopify.com";
    private static final Instant ASKED = Instant.parse("2026-03-20T08:00:00Z");

    private final DynamoDbClient dynamo;
    private final String table = "exports-" + UUID.randomUUID();

    DynamoDbCustomerDataExportsTest(DynamoDbClient dynamo) {
        this.dynamo = dynamo;
        DoorstepTable.create(dynamo, table);
    }

    private DynamoDbCustomerDataExports at(Instant now) {
        return new DynamoDbCustomerDataExports(dynamo, table, Clock.fixed(now, ZoneOffset.UTC));
    }

    @Test
    void anExportKeepsTheOrdersWithTheirPersonalDataInTheShopsPartitionFor30Days() {
        var order = Orders.received(SHOP, "4001", Orders.FULFILLED);
        at(ASKED).save(new CustomerDataExport(SHOP, "191167", ASKED, List.of(order)));
        at(ASKED).save(new CustomerDataExport(SHOP, "191167", ASKED, List.of(order))); // a redelivery replaces it

        List<CustomerDataExport> kept = at(ASKED.plus(Duration.ofDays(29))).of(SHOP);

        assertThat(kept).singleElement().satisfies(e -> {
            assertThat(e.customerId()).isEqualTo("191167");
            assertThat(e.requestedAt()).isEqualTo(ASKED);
            assertThat(e.orders()).singleElement().satisfies(o -> {
                assertThat(o.key()).isEqualTo(order.key());
                assertThat(o.customer()).isEqualTo(order.customer());
                assertThat(o.lineItems()).isEqualTo(order.lineItems());
            });
        });
        Map<String, AttributeValue> item = dynamo.scan(b -> b.tableName(table)).items().getFirst();
        assertThat(item.get("pk").s()).isEqualTo("SHOP#" + SHOP);
        assertThat(item.get("type").s()).isEqualTo(DoorstepTable.TYPE_DATA_EXPORT);
        assertThat(Long.parseLong(item.get("expiresAt").n())).isEqualTo(ASKED.plus(Duration.ofDays(30))
                .getEpochSecond());
        assertThat(at(ASKED.plus(Duration.ofDays(31))).of(SHOP)).as("past its time, even before TTL").isEmpty();
        assertThat(at(ASKED).of("other.myshopify.com")).isEmpty();
    }
}
