package dev.doorstep.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.doorstep.emulator.WithAwsEmulator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

@WithAwsEmulator
class DynamoDbReceiptLogTest {

    private static final Instant NOW = Instant.parse("2026-03-12T10:00:00Z");

    private final DynamoDbClient dynamo;
    private final String table = "receipts-" + UUID.randomUUID();

    DynamoDbReceiptLogTest(DynamoDbClient dynamo) {
        this.dynamo = dynamo;
        DoorstepTable.create(dynamo, table);
    }

    private DynamoDbReceiptLog at(Instant now) {
        return new DynamoDbReceiptLog(dynamo, table, Clock.fixed(now, ZoneOffset.UTC));
    }

    @Test
    void theSecondReceiptOfAnIdIsADuplicate() {
        DynamoDbReceiptLog log = at(NOW);
        Instant forget = NOW.plus(Duration.ofDays(7));

        assertThat(log.alreadyReceived("shopify", "w-1")).isFalse();
        assertThat(log.firstReceipt("shopify", "w-1", forget)).isTrue();
        assertThat(log.firstReceipt("shopify", "w-1", forget)).isFalse();
        assertThat(log.alreadyReceived("shopify", "w-1")).isTrue();
        assertThat(log.firstReceipt("aftership", "w-1", forget)).isTrue(); // sources never collide
    }

    @Test
    void anExpiredReceiptThatTtlHasNotDeletedYetIsForgotten() {
        at(NOW).firstReceipt("shopify", "w-1", NOW.plus(Duration.ofDays(7)));

        DynamoDbReceiptLog later = at(NOW.plus(Duration.ofDays(8)));
        assertThat(later.alreadyReceived("shopify", "w-1")).isFalse();
        assertThat(later.firstReceipt("shopify", "w-1", NOW.plus(Duration.ofDays(15)))).isTrue();
    }

    @Test
    void concurrentReceiptsOfOneIdHaveExactlyOneWinner() throws Exception {
        DynamoDbReceiptLog log = at(NOW);
        var pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Boolean>> tries = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                tries.add(() -> log.firstReceipt("shopify", "w-race", NOW.plusSeconds(60)));
            }
            long winners = 0;
            for (Future<Boolean> f : pool.invokeAll(tries)) {
                winners += f.get() ? 1 : 0;
            }
            assertThat(winners).isEqualTo(1);
        } finally {
            pool.shutdown();
        }
    }
}
