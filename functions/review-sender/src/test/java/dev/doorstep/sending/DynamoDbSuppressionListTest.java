package dev.doorstep.sending;

import static org.assertj.core.api.Assertions.assertThat;

import dev.doorstep.core.sending.EmailDigest;
import dev.doorstep.core.sending.Suppression;
import dev.doorstep.core.sending.SuppressionReason;
import dev.doorstep.emulator.WithAwsEmulator;
import dev.doorstep.store.DoorstepTable;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

@WithAwsEmulator
class DynamoDbSuppressionListTest {

    private static final Instant T = Instant.parse("2026-03-15T09:00:00Z");
    private final DynamoDbClient dynamo;
    private final String table = "suppressions-" + UUID.randomUUID();
    private final DynamoDbSuppressionList list;

    DynamoDbSuppressionListTest(DynamoDbClient dynamo) {
        this.dynamo = dynamo;
        DoorstepTable.create(dynamo, table);
        list = new DynamoDbSuppressionList(dynamo, table);
    }

    @Test
    @DisplayName("a suppression is stored under the shop by digest only, per docs/table.md, and found again")
    void storedAsTheTableSays() {
        EmailDigest ana = Fixtures.TOKENS.digester().of("Ana@Example.com");
        list.suppress(new Suppression(Fixtures.SHOP, ana, SuppressionReason.UNSUBSCRIBED, T));

        assertThat(list.find(Fixtures.SHOP, Fixtures.TOKENS.digester().of("ana@example.com"))).hasValueSatisfying(s -> {
            assertThat(s.reason()).isEqualTo(SuppressionReason.UNSUBSCRIBED);
            assertThat(s.since()).isEqualTo(T);
        });
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).key(Map.of(
                "pk", AttributeValue.fromS("SHOP#" + Fixtures.SHOP),
                "sk", AttributeValue.fromS("SUPPRESSED#" + ana.hex())))).item();
        assertThat(item.get("type").s()).isEqualTo("SUPPRESSION");
        assertThat(item.toString()).doesNotContainIgnoringCase("ana@example.com");
    }

    @Test
    @DisplayName("the first reason stands, and another shop's customer with the same address is not suppressed")
    void firstReasonStandsPerShop() {
        EmailDigest ana = Fixtures.TOKENS.digester().of("ana@example.com");
        list.suppress(new Suppression(Fixtures.SHOP, ana, SuppressionReason.UNSUBSCRIBED, T));
        list.suppress(new Suppression(Fixtures.SHOP, ana, SuppressionReason.BOUNCE, T.plusSeconds(60)));

        assertThat(list.find(Fixtures.SHOP, ana).orElseThrow().reason()).isEqualTo(SuppressionReason.UNSUBSCRIBED);
        assertThat(list.find("other.myshopify.com", ana)).isEmpty();
    }

    @Test
    @DisplayName("a record is forgotten (the unkeyed one, once re-keyed); forgetting nothing is harmless")
    void forget() {
        EmailDigest unkeyed = EmailDigest.unkeyedSha256("ana@example.com");
        list.suppress(new Suppression(Fixtures.SHOP, unkeyed, SuppressionReason.UNSUBSCRIBED, T));

        list.forget(Fixtures.SHOP, unkeyed);
        list.forget(Fixtures.SHOP, unkeyed);

        assertThat(list.find(Fixtures.SHOP, unkeyed)).isEmpty();
    }

    @Test
    @DisplayName("the signing key is read from Secrets Manager")
    void secretFromSecretsManager(SecretsManagerClient secrets) {
        String arn = secrets.createSecret(b -> b.name("unsubscribe-" + UUID.randomUUID())
                .secretString(new String(Fixtures.SECRET, java.nio.charset.StandardCharsets.UTF_8))).arn();
        assertThat(UnsubscribeSecret.load(secrets, arn)).isEqualTo(Fixtures.SECRET);
    }
}
