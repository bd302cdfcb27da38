package dev.doorstep.webhook.aftership;

import dev.doorstep.aftership.KmsApiKeyCipher;
import dev.doorstep.core.port.AfterShipCredentialStore;
import dev.doorstep.core.port.AfterShipCredentials;
import dev.doorstep.lambda.JsonLog;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.kms.model.KmsException;

/**
 * Webhook secrets from the credential store, decrypted with KMS only when the stored ciphertext is
 * one this container has not decrypted yet (a KMS call per webhook would cost more than the rest).
 */
public final class StoredWebhookSecrets implements WebhookSecrets {

    private static final JsonLog LOG = JsonLog.of(StoredWebhookSecrets.class);

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
            try {
                known = new Decrypted(ciphertext, cipher.decryptWebhookSecret(shop, ciphertext));
            } catch (KmsException e) {
                if (!unreadableHere(e)) {
                    throw e;
                }
                // Saved before ciphertexts named their purpose: this function may not read those (to KMS
                // they look like API keys), so the shop must save its webhook secret again.
                LOG.warn("stored AfterShip webhook secret is unreadable here; save it again",
                        Map.of("shop", shop, "error", e.awsErrorDetails() == null ? e.getClass().getSimpleName()
                                : e.awsErrorDetails().errorCode()));
                return new Lookup.NoSecret();
            }
            cache.put(shop, known);
        }
        return new Lookup.Secret(known.secret);
    }

    /** IAM refused the decrypt (no purpose in the context), or the context does not match at all. */
    private static boolean unreadableHere(KmsException e) {
        String code = e.awsErrorDetails() == null ? "" : e.awsErrorDetails().errorCode();
        return "AccessDeniedException".equals(code) || "InvalidCiphertextException".equals(code);
    }

    private record Decrypted(byte[] ciphertext, String secret) {
    }
}
