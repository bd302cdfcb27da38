package dev.doorstep.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.doorstep.core.intake.BackfillOutcome;
import dev.doorstep.core.model.BackfillOccasion;
import dev.doorstep.core.model.BackfillOffer;
import dev.doorstep.core.model.BackfillState;
import dev.doorstep.emulator.WithAwsEmulator;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

@WithAwsEmulator
class DynamoDbBackfillOffersTest {

    static final String SHOP = "acme-tea.myshopify.com";
    static final Instant NOW = Instant.parse("2026-12-05T09:30:00Z");

    final DynamoDbClient dynamo;
    final String table = "offers-" + UUID.randomUUID();
    final DynamoDbBackfillOffers offers;

    DynamoDbBackfillOffersTest(DynamoDbClient dynamo) {
        this.dynamo = dynamo;
        DoorstepTable.create(dynamo, table);
        offers = new DynamoDbBackfillOffers(dynamo, table);
    }

    @Test
    void anOfferRoundTripsInTheShopsPartitionWithItsOutcome() {
        BackfillOffer offered = offers.put(BackfillOffer.offered(SHOP, BackfillOccasion.SWITCH_ON, NOW)).orElseThrow();
        BackfillOffer queued = offers.put(offered.accepted(NOW.plusSeconds(60))).orElseThrow();
        BackfillOutcome outcome = new BackfillOutcome(12, 5, 4, 2, 1);
        offers.put(queued.finished(outcome, NOW.plusSeconds(90))).orElseThrow();

        BackfillOffer read = offers.find(SHOP).orElseThrow();
        assertThat(read).isEqualTo(new BackfillOffer(SHOP, BackfillState.DONE, BackfillOccasion.SWITCH_ON, NOW,
                NOW.plusSeconds(60), NOW.plusSeconds(90), outcome, 3));
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).key(Map.of(
                "pk", AttributeValue.fromS("SHOP#" + SHOP), "sk", AttributeValue.fromS("BACKFILL")))).item();
        assertThat(item.get("type").s()).isEqualTo("BACKFILL_OFFER");
        assertThat(offers.find("other.myshopify.com")).isEmpty();
    }

    @Test
    void aWriteFromAStaleCopyIsRefusedAndChangesNothing() {
        BackfillOffer first = offers.put(BackfillOffer.offered(SHOP, BackfillOccasion.INSTALL, NOW)).orElseThrow();
        offers.put(first.accepted(NOW)).orElseThrow();

        assertThat(offers.put(first.declined())).isEmpty();
        assertThat(offers.put(BackfillOffer.offered(SHOP, BackfillOccasion.INSTALL, NOW))).isEmpty();
        assertThat(offers.find(SHOP).orElseThrow().state()).isEqualTo(BackfillState.QUEUED);
    }

    @Test
    void theShopsEraseTakesTheOffer() {
        offers.put(BackfillOffer.offered(SHOP, BackfillOccasion.INSTALL, NOW)).orElseThrow();

        new DynamoDbShopStore(dynamo, table).erase(SHOP);

        assertThat(offers.find(SHOP)).isEmpty();
    }
}
