package dev.doorstep.aftership;

import dev.doorstep.core.port.AfterShipCredentialStore;
import dev.doorstep.core.port.AfterShipCredentials;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Shops' API keys from the credential store, decrypted with KMS once per container: a key is
 * decrypted again only when its stored ciphertext changes (the merchant saved a new one), and the store
 * is re-read at most every {@link #REFRESH}.
 */
public final class StoredApiKeys implements ApiKeys {

    static final Duration REFRESH = Duration.ofMinutes(5);

    private final AfterShipCredentialStore store;
    private final KmsApiKeyCipher cipher;
    private final Clock clock;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    public StoredApiKeys(AfterShipCredentialStore store, KmsApiKeyCipher cipher, Clock clock) {
        this.store = store;
        this.cipher = cipher;
        this.clock = clock;
    }

    @Override
    public Optional<ApiKey> forShop(String shop) {
        Instant now = clock.instant();
        Cached cached = cache.get(shop);
        if (cached != null && now.isBefore(cached.readAt.plus(REFRESH))) {
            return Optional.of(cached.key);
        }
        Optional<AfterShipCredentials> stored = store.find(shop);
        if (stored.isEmpty()) {
            cache.remove(shop);
            return Optional.empty();
        }
        byte[] ciphertext = stored.get().apiKey();
        ApiKey key = cached != null && Arrays.equals(cached.ciphertext, ciphertext)
                ? cached.key : new ApiKey(cipher.decryptApiKey(shop, ciphertext));
        cache.put(shop, new Cached(ciphertext, key, now));
        return Optional.of(key);
    }

    @Override
    public void rejected(String shop) {
        Cached cached = cache.get(shop);
        if (cached != null) {
            // keep the clear key for this ciphertext, but read the store again next time
            cache.put(shop, new Cached(cached.ciphertext, cached.key, Instant.EPOCH));
        }
    }

    /** Encrypts and saves a shop's key (the settings API calls this when the merchant pastes it). */
    public void save(String shop, ApiKey key, String webhookSecret) {
        byte[] secret = webhookSecret == null ? null : cipher.encryptWebhookSecret(shop, webhookSecret);
        store.save(shop, new AfterShipCredentials(cipher.encryptApiKey(shop, key.value()), secret));
        cache.remove(shop);
    }

    private record Cached(byte[] ciphertext, ApiKey key, Instant readAt) {
    }
}
