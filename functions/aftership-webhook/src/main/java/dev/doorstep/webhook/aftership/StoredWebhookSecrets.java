package dev.doorstep.webhook.aftership;

import dev.doorstep.aftership.KmsApiKeyCipher;
import dev.doorstep.core.port.AfterShipCredentialStore;
import dev.doorstep.core.port.AfterShipCredentials;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Webhook secrets from the credential store, decrypted with KMS only when the stored ciphertext is
 * one this container has not decrypted yet (a KMS call per webhook would cost more than the rest).
 */
public final class StoredWebhookSecrets implements WebhookSecrets {

    private final AfterShipCredentialStore store;
    private final KmsApiKeyCipher cipher;
    private final Map<String, Decrypted> cache = new ConcurrentHashMap<>();

    public StoredWebhookSecrets(AfterShipCredentialStore store, KmsApiKeyCipher cipher) {
        this.store = store;
        this.cipher = cipher;
    }

    @Override
    public Lookup forShop(String shop) {
        Optional<AfterShipCredentials> credentials = store.find(shop);
        if (credentials.isEmpty()) {
            return new Lookup.UnknownShop();
        }
        byte[] ciphertext = credentials.get().webhookSecret();
        if (ciphertext == null || ciphertext.length == 0) {
            return new Lookup.NoSecret();
        }
        Decrypted known = cache.get(shop);
        if (known == null || !Arrays.equals(known.ciphertext, ciphertext)) {
            known = new Decrypted(ciphertext, cipher.decrypt(shop, ciphertext));
            cache.put(shop, known);
        }
        return new Lookup.Secret(known.secret);
    }

    private record Decrypted(byte[] ciphertext, String secret) {
    }
}
