package dev.doorstep.aftership;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.doorstep.core.memory.InMemoryAfterShipCredentialStore;
import dev.doorstep.core.port.AfterShipCredentials;
import dev.doorstep.emulator.WithAwsEmulator;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.kms.KmsClient;

/** API keys at rest are KMS ciphertexts bound to their shop, decrypted once per container. */
@WithAwsEmulator
class StoredApiKeysTest {

    @Test
    void aKeyIsStoredEncryptedAndDecryptedOncePerContainer(KmsClient kms) {
        String keyId = kms.createKey(b -> b.description("aftership")).keyMetadata().keyId();
        var store = new InMemoryAfterShipCredentialStore();
        var keys = new StoredApiKeys(store, new KmsApiKeyCipher(kms, keyId), Clock.systemUTC());

        keys.save("a.myshopify.com", new ApiKey("as-secret-key-1"), "whsec");

        byte[] ciphertext = store.find("a.myshopify.com").orElseThrow().apiKey();
        assertThat(new String(ciphertext, StandardCharsets.ISO_8859_1)).doesNotContain("as-secret-key-1");
        assertThat(keys.forShop("a.myshopify.com")).contains(new ApiKey("as-secret-key-1"));

        // with KMS switched off, the container still has the clear key: no second decrypt happened
        kms.disableKey(b -> b.keyId(keyId));
        assertThat(keys.forShop("a.myshopify.com")).contains(new ApiKey("as-secret-key-1"));
        assertThat(keys.forShop("b.myshopify.com")).isEmpty();
    }

    @Test
    void aCiphertextOnlyDecryptsForItsOwnShop(KmsClient kms) {
        String keyId = kms.createKey(b -> b.description("aftership")).keyMetadata().keyId();
        var cipher = new KmsApiKeyCipher(kms, keyId);
        byte[] forA = cipher.encryptApiKey("a.myshopify.com", "as-secret-key-2");

        assertThat(cipher.decryptApiKey("a.myshopify.com", forA)).isEqualTo("as-secret-key-2");
        assertThatThrownBy(() -> cipher.decryptApiKey("b.myshopify.com", forA)).isNotNull();
    }

    @Test
    void aNewlySavedKeyIsPickedUpAfterTheRefresh(KmsClient kms) {
        String keyId = kms.createKey(b -> b.description("aftership")).keyMetadata().keyId();
        var store = new InMemoryAfterShipCredentialStore();
        var cipher = new KmsApiKeyCipher(kms, keyId);
        Instant t0 = Instant.parse("2026-03-01T00:00:00Z");
        var clock = new java.util.concurrent.atomic.AtomicReference<>(t0);
        var keys = new StoredApiKeys(store, cipher, new Clock() {
            public java.time.ZoneId getZone() { return ZoneOffset.UTC; }
            public Clock withZone(java.time.ZoneId zone) { return this; }
            public Instant instant() { return clock.get(); }
        });
        store.save("a.myshopify.com",
                new AfterShipCredentials(cipher.encryptApiKey("a.myshopify.com", "old-key"), null));
        assertThat(keys.forShop("a.myshopify.com")).contains(new ApiKey("old-key"));

        store.save("a.myshopify.com",
                new AfterShipCredentials(cipher.encryptApiKey("a.myshopify.com", "new-key"), null));
        assertThat(keys.forShop("a.myshopify.com")).contains(new ApiKey("old-key"));
        keys.rejected("a.myshopify.com"); // AfterShip said 401: read the store again at once
        assertThat(keys.forShop("a.myshopify.com")).contains(new ApiKey("new-key"));
        assertThat(new ApiKey("new-key").toString()).doesNotContain("new-key");
    }
}
