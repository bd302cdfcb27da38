package dev.doorstep.sending;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.SNSEvent;
import dev.doorstep.core.model.Order;
import dev.doorstep.core.model.OrderKey;
import dev.doorstep.core.model.OrderStatus;
import dev.doorstep.core.sending.EmailDigest;
import dev.doorstep.core.sending.SendConfirmation;
import dev.doorstep.core.sending.SuppressionReason;
import dev.doorstep.emulator.WithAwsEmulator;
import dev.doorstep.store.DoorstepTable;
import dev.doorstep.store.DynamoDbOrderStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

@WithAwsEmulator
class SesFeedbackFunctionTest {

    private static final Instant NOW = Instant.parse("2026-03-15T08:31:05Z");
    private static final OrderKey ORDER = new OrderKey(Fixtures.SHOP, "5551234");
    private static final EmailDigest ANA = Fixtures.TOKENS.digester().of("ana@example.com");

    private final DynamoDbSuppressionList suppressions;
    private final DynamoDbOrderStore orders;
    private final SesFeedbackFunction function;
    private final DynamoDbClient dynamo;
    private final String table = "doorstep-" + UUID.randomUUID();

    SesFeedbackFunctionTest(DynamoDbClient dynamo) {
        this.dynamo = dynamo;
        DoorstepTable.create(dynamo, table);
        suppressions = new DynamoDbSuppressionList(dynamo, table);
        orders = new DynamoDbOrderStore(dynamo, table);
        function = new SesFeedbackFunction(suppressions, Fixtures.TOKENS.digester(), new SendConfirmation(orders),
                Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private void handle(String fixture, Map<String, String> replacements) {
        function.handleRequest(Fixtures.event(fixture, SNSEvent.class, replacements), null);
    }

    @Test
    @DisplayName("a hard bounce suppresses the address for the shop the tags name")
    void hardBounce() {
        handle("ses-bounce.json", Map.of("ana@example.com", "Ana@Example.com"));

        assertThat(suppressions.find(Fixtures.SHOP, ANA))
                .hasValueSatisfying(s -> {
                    assertThat(s.reason()).isEqualTo(SuppressionReason.BOUNCE);
                    assertThat(s.since()).isEqualTo(Instant.parse("2026-03-15T08:31:02Z"));
                });
        // Stored under the keyed digest: nothing in the table confirms a guessed address by its SHA-256.
        String unkeyed = EmailDigest.unkeyedSha256("ana@example.com").hex();
        assertThat(dynamo.scan(b -> b.tableName(table)).items()).isNotEmpty()
                .allSatisfy(item -> assertThat(item.toString()).doesNotContain(unkeyed));
    }

    @Test
    @DisplayName("a soft bounce (mailbox full) suppresses nobody")
    void softBounce() {
        handle("ses-soft-bounce.json", Map.of());
        assertThat(suppressions.find(Fixtures.SHOP, ANA)).isEmpty();
    }

    @Test
    @DisplayName("a complaint (identity notification shape) suppresses the address")
    void complaint() {
        handle("ses-complaint.json", Map.of());
        assertThat(suppressions.find(Fixtures.SHOP, ANA).orElseThrow().reason())
                .isEqualTo(SuppressionReason.COMPLAINT);
    }

    @Test
    @DisplayName("the send event marks an order whose sender crashed after sending as SENT, with SES's id")
    void sendEventConfirms() {
        Order order = Fixtures.scheduled(ORDER.orderId(), "ana@example.com");
        orders.insert(order);
        Order stored = orders.find(ORDER).orElseThrow();
        orders.update(stored, stored.moveTo(OrderStatus.SENDING, "sending the review request", NOW.minusSeconds(6))
                .toBuilder().leaseUntil(NOW.plus(Duration.ofMinutes(5))).build());

        handle("ses-send.json", Map.of("0100018e4f2a9c1b-example-000000", "0100018e-confirmed"));

        Order confirmed = orders.find(ORDER).orElseThrow();
        assertThat(confirmed.status()).isEqualTo(OrderStatus.SENT);
        assertThat(confirmed.messageId()).isEqualTo("0100018e-confirmed");
        assertThat(confirmed.leaseUntil()).isNull();
    }

    @Test
    @DisplayName("mail without Doorstep tags is not ours: skipped; a message that is not SES at all fails loudly")
    void foreignAndMalformed() {
        handle("ses-bounce.json", Map.of("\\\"doorstep-shop\\\"", "\\\"other-tag\\\""));
        assertThat(suppressions.find(Fixtures.SHOP, ANA)).isEmpty();

        SNSEvent notSes = new SNSEvent().withRecords(List.of(new SNSEvent.SNSRecord()
                .withSns(new SNSEvent.SNS().withMessage("{\"hello\":\"world\"}"))));
        assertThatThrownBy(() -> function.handleRequest(notSes, null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not an SES notification");
    }
}
