package dev.doorstep.sending;

import static dev.doorstep.lambda.Quiet.silently;
import static dev.doorstep.sending.PrimingChecks.items;
import static org.assertj.core.api.Assertions.assertThat;

import dev.doorstep.core.model.OrderKey;
import dev.doorstep.core.model.Shop;
import dev.doorstep.core.model.ShopSettings;
import dev.doorstep.core.sending.ReviewRequestComposer;
import dev.doorstep.core.sending.ReviewRequestSending;
import dev.doorstep.core.sending.SendOutcome;
import dev.doorstep.core.sending.Suppression;
import dev.doorstep.core.sending.SuppressionReason;
import dev.doorstep.emulator.AwsEmulator;
import dev.doorstep.emulator.WithAwsEmulator;
import dev.doorstep.mail.SesMailer;
import dev.doorstep.store.DoorstepTable;
import dev.doorstep.store.DynamoDbOrderStore;
import dev.doorstep.store.DynamoDbShopStore;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sesv2.SesV2Client;

/**
 * SnapStart priming of the sender runs at deployment time, over the wire here as there: orders in
 * DynamoDB, the mail through SES, read back. With a request that is really due in the table, it must
 * read, miss and stop: no item written, no email sent, not one log or metric line.
 */
@WithAwsEmulator
class ReviewSenderPrimingTest {

    private static final String FROM = "reviews@doorstep.example";
    private static final Instant NOW = Fixtures.SEND_AT.plusSeconds(30);

    private final AwsEmulator emulator;
    private final DynamoDbClient dynamo;
    private final String table = "doorstep-" + UUID.randomUUID();
    private final DynamoDbOrderStore orders;
    private final DynamoDbShopStore shops;
    private final DynamoDbSuppressionList suppressions;
    private final ReviewRequestComposer composer = new ReviewRequestComposer(Fixtures.TOKENS,
            URI.create("https://api.doorstep.example/unsubscribe"), null);
    private final ReviewRequestSending sending;
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

    ReviewSenderPrimingTest(DynamoDbClient dynamo, SesV2Client ses, AwsEmulator emulator) {
        this.emulator = emulator;
        this.dynamo = dynamo;
        DoorstepTable.create(dynamo, table);
        orders = new DynamoDbOrderStore(dynamo, table);
        shops = new DynamoDbShopStore(dynamo, table);
        suppressions = new DynamoDbSuppressionList(dynamo, table);
        ses.createEmailIdentity(b -> b.emailIdentity(FROM));
        sending = new ReviewRequestSending(orders, shops, suppressions, new SesMailer(ses, FROM, null, clock), composer,
                ReviewRequestSending.DEFAULT_LEASE);
    }

    @Test
    void primingOnAnEmptyTableFindsNoOrderAndSendsNothing() {
        int sent = emulator.sentEmails().all().size();

        SendOutcome outcome = silently(() -> ReviewSenderPriming.prime(sending, composer, clock));

        assertThat(outcome.result()).isEqualTo(SendOutcome.Result.NOT_FOUND);
        assertThat(items(dynamo, table)).isEmpty();
        assertThat(emulator.sentEmails().all()).hasSize(sent);
    }

    @Test
    void primingLeavesARequestThatIsReallyDueAlone() {
        shops.save(Shop.installed(ShopSettings.defaults(Fixtures.SHOP)));
        orders.insert(Fixtures.scheduled("1001", "ana@example.com"));
        suppressions.suppress(new Suppression(Fixtures.SHOP, Fixtures.TOKENS.digester().of("bo@example.com"),
                SuppressionReason.BOUNCE, NOW));
        List<Map<String, AttributeValue>> items = items(dynamo, table);
        int sent = emulator.sentEmails().all().size();

        silently(() -> ReviewSenderPriming.prime(sending, composer, clock));

        assertThat(items(dynamo, table)).containsExactlyInAnyOrderElementsOf(items);
        assertThat(emulator.sentEmails().all()).hasSize(sent);
        assertThat(emulator.sentEmails().to("ana@example.com")).isEmpty();
    }

    @Test
    void theBuiltInPayloadIsReadByTheHandlersOwnReaderAsAnOrderThatCannotBeStored() {
        OrderKey order = ScheduledSend.from(ReviewSenderPriming.PAYLOAD).order();

        // shops are stored only as <name>.myshopify.com, and Shopify's order ids are integers
        assertThat(order.shop()).doesNotEndWith(".myshopify.com");
        assertThat(order.orderId()).doesNotContainPattern("^\\d+$");
    }
}
