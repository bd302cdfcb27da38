package dev.doorstep.sending;

import static dev.doorstep.lambda.Quiet.silently;
import static dev.doorstep.sending.PrimingChecks.items;
import static org.assertj.core.api.Assertions.assertThat;

import dev.doorstep.core.model.Order;
import dev.doorstep.core.model.OrderKey;
import dev.doorstep.core.model.OrderStatus;
import dev.doorstep.core.sending.SendConfirmation;
import dev.doorstep.core.sending.SendOutcome;
import dev.doorstep.emulator.WithAwsEmulator;
import dev.doorstep.store.DoorstepTable;
import dev.doorstep.store.DynamoDbOrderStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * SnapStart priming of SES feedback runs at deployment time, over the wire here as there (orders and
 * suppressions in DynamoDB): with an order in the table that a real send event would confirm, it must
 * read, miss and stop: no order marked, nobody suppressed, not one log or metric line.
 */
@WithAwsEmulator
class SesFeedbackPrimingTest {

    private static final Instant NOW = Instant.parse("2026-03-15T08:31:05Z");

    private final DynamoDbClient dynamo;
    private final String table = "doorstep-" + UUID.randomUUID();
    private final DynamoDbSuppressionList suppressions;
    private final DynamoDbOrderStore orders;
    private final SendConfirmation confirmation;

    SesFeedbackPrimingTest(DynamoDbClient dynamo) {
        this.dynamo = dynamo;
        DoorstepTable.create(dynamo, table);
        suppressions = new DynamoDbSuppressionList(dynamo, table);
        orders = new DynamoDbOrderStore(dynamo, table);
        confirmation = new SendConfirmation(orders);
    }

    @Test
    void primingOnAnEmptyTableFindsNoOrderAndWritesNothing() {
        SendOutcome outcome = silently(() -> SesFeedbackPriming.prime(confirmation, suppressions, Fixtures.TOKENS.digester()));

        assertThat(outcome.result()).isEqualTo(SendOutcome.Result.NOT_FOUND);
        assertThat(items(dynamo, table)).isEmpty();
    }

    @Test
    void primingLeavesAnOrderBeingSentAlone() {
        orders.insert(Fixtures.scheduled("5551234", "ana@example.com"));
        Order stored = orders.find(new OrderKey(Fixtures.SHOP, "5551234")).orElseThrow();
        orders.update(stored, stored.moveTo(OrderStatus.SENDING, "sending the review request", NOW.minusSeconds(6))
                .toBuilder().leaseUntil(NOW.plus(Duration.ofMinutes(5))).build());
        List<Map<String, AttributeValue>> items = items(dynamo, table);

        silently(() -> SesFeedbackPriming.prime(confirmation, suppressions, Fixtures.TOKENS.digester()));

        assertThat(items(dynamo, table)).containsExactlyInAnyOrderElementsOf(items);
    }

    @Test
    void theBuiltInNotificationsAreReadByTheHandlersOwnParserForAnOrderThatCannotBeStored() {
        SesFeedback send = SesFeedback.parse(SesFeedbackPriming.SEND);
        SesFeedback bounce = SesFeedback.parse(SesFeedbackPriming.BOUNCE);

        assertThat(send.kind()).isEqualTo(SesFeedback.Kind.SEND);
        assertThat(bounce.kind()).isEqualTo(SesFeedback.Kind.BOUNCE);
        assertThat(bounce.permanent()).isTrue();
        assertThat(bounce.recipients()).containsExactly("priming@doorstep-snapstart-priming.invalid");
        assertThat(List.of(send.order(), bounce.order())).containsOnly(
                new OrderKey(SesFeedbackPriming.SHOP, "PRIMING"));
        // shops are stored only as <name>.myshopify.com
        assertThat(SesFeedbackPriming.SHOP).doesNotEndWith(".myshopify.com");
    }
}
