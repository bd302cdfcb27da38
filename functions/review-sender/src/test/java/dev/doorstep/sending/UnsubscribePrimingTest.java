package dev.doorstep.sending;

import static dev.doorstep.lambda.Quiet.silently;
import static dev.doorstep.sending.PrimingChecks.items;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.doorstep.core.sending.EmailDigest;
import dev.doorstep.core.sending.Suppression;
import dev.doorstep.core.sending.SuppressionReason;
import dev.doorstep.emulator.WithAwsEmulator;
import dev.doorstep.store.DoorstepTable;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * SnapStart priming of the unsubscribe endpoint runs at deployment time, over the wire here as there
 * (the suppression list in DynamoDB): the handler answers its own GET and nothing is stored, not one
 * log or metric line.
 */
@WithAwsEmulator
class UnsubscribePrimingTest {

    private static final Instant NOW = Instant.parse("2026-03-15T09:02:11Z");

    private final DynamoDbClient dynamo;
    private final String table = "doorstep-" + UUID.randomUUID();
    private final DynamoDbSuppressionList suppressions;
    private final UnsubscribeFunction function;

    UnsubscribePrimingTest(DynamoDbClient dynamo) {
        this.dynamo = dynamo;
        DoorstepTable.create(dynamo, table);
        suppressions = new DynamoDbSuppressionList(dynamo, table);
        function = new UnsubscribeFunction(Fixtures.TOKENS, suppressions, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void primingGetsTheConfirmationPageAndStoresNothing() {
        APIGatewayV2HTTPResponse page = silently(() -> UnsubscribePriming.prime(function, Fixtures.TOKENS,
                suppressions));

        assertThat(page.getStatusCode()).isEqualTo(200);
        assertThat(page.getBody()).contains("List-Unsubscribe", "One-Click");
        assertThat(items(dynamo, table)).isEmpty();
        assertThat(suppressions.find(UnsubscribePriming.ORDER.shop(), UnsubscribePriming.EMAIL)).isEmpty();
    }

    @Test
    void primingLeavesTheSuppressionsThereAreAlone() {
        suppressions.suppress(new Suppression(Fixtures.SHOP, Fixtures.TOKENS.digester().of("ana@example.com"),
                SuppressionReason.UNSUBSCRIBED, NOW));
        List<Map<String, AttributeValue>> items = items(dynamo, table);

        silently(() -> UnsubscribePriming.prime(function, Fixtures.TOKENS, suppressions));

        assertThat(items(dynamo, table)).containsExactlyInAnyOrderElementsOf(items).hasSize(1);
    }

    @Test
    void thePrimingTokenNamesAShopThatCannotBeStoredAndAnUndeliverableAddress() {
        // shops are stored only as <name>.myshopify.com
        assertThat(UnsubscribePriming.ORDER.shop()).doesNotEndWith(".myshopify.com");
        assertThat(UnsubscribePriming.EMAIL)
                .isEqualTo(EmailDigest.unkeyedSha256("PRIMING@doorstep-snapstart-priming.invalid"));
    }
}
