package dev.doorstep.webhook.shopify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.doorstep.emulator.WithAwsEmulator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/** The app secret rotates: both secrets sign during the change, and a warm container picks up the new one. */
@WithAwsEmulator
class SecretRotationTest {

    @Test
    void theCurrentAndThePreviousSecretAreBothAccepted(DynamoDbClient dynamo) {
        var harness = new WebhookHarness(dynamo, ShopifySecrets.of("the-new-secret", Deliveries.SECRET));

        var oldSigned = Deliveries.sample("fulfillments-create");
        var newSigned = Deliveries.withHeader(Deliveries.signed(Deliveries.sample("orders-fulfilled"), "the-new-secret"),
                "x-shopify-webhook-id", "signed-with-new");
        var neither = Deliveries.withHeader(Deliveries.signed(Deliveries.sample("orders-fulfilled"), "retired"),
                "x-shopify-webhook-id", "signed-with-retired");

        assertThat(harness.send(oldSigned).getStatusCode()).isEqualTo(200);
        assertThat(harness.send(newSigned).getStatusCode()).isEqualTo(200);
        assertThat(harness.send(neither).getStatusCode()).isEqualTo(401);
    }

    @Test
    void secretsComeFromSecretsManagerOnceAndAreReReadAfterARotation(DynamoDbClient dynamo,
            SecretsManagerClient secretsManager) {
        String id = "doorstep/shopify-" + UUID.randomUUID();
        secretsManager.createSecret(b -> b.name(id)
                .secretString("{\"current\":\"" + Deliveries.SECRET + "\",\"previous\":null}"));
        AtomicReference<Instant> now = new AtomicReference<>(WebhookHarness.NOW);
        Clock clock = new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now.get();
            }
        };
        var secrets = new SecretsManagerShopifySecrets(secretsManager, id, clock);
        var harness = new WebhookHarness(dynamo, secrets);

        assertThat(harness.send("fulfillments-create").getStatusCode()).isEqualTo(200);

        secretsManager.putSecretValue(b -> b.secretId(id)
                .secretString("{\"current\":\"rotated\",\"previous\":\"" + Deliveries.SECRET + "\"}"));
        var rotated = Deliveries.withHeader(Deliveries.signed(Deliveries.sample("orders-fulfilled"), "rotated"),
                "x-shopify-webhook-id", "after-rotation");

        // Within five minutes of the last read the cache stands: no call to Secrets Manager per webhook.
        assertThat(harness.send(rotated).getStatusCode()).isEqualTo(401);
        now.set(WebhookHarness.NOW.plus(Duration.ofMinutes(6)));
        assertThat(harness.send(rotated).getStatusCode()).isEqualTo(200);
        assertThat(secrets.signingSecrets()).containsExactly("rotated", Deliveries.SECRET);
    }
}
