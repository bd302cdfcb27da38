package dev.doorstep.core.memory;

import dev.doorstep.core.port.AfterShipCredentialStore;
import dev.doorstep.core.port.AfterShipCredentials;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The {@link AfterShipCredentialStore} contract in memory, for fast tests. */
public final class InMemoryAfterShipCredentialStore implements AfterShipCredentialStore {

    private final Map<String, AfterShipCredentials> credentials = new ConcurrentHashMap<>();

    @Override
    public Optional<AfterShipCredentials> find(String shop) {
        return Optional.ofNullable(credentials.get(shop));
    }

    @Override
    public void save(String shop, AfterShipCredentials value) {
        credentials.put(shop, value);
    }

    @Override
    public void delete(String shop) {
        credentials.remove(shop);
    }
}
