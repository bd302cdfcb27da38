package dev.doorstep.core.port;

import java.util.Optional;

/** Where a shop's encrypted AfterShip credentials live, apart from its settings. */
public interface AfterShipCredentialStore {

    Optional<AfterShipCredentials> find(String shop);

    void save(String shop, AfterShipCredentials credentials);

    /** Forgets the shop's credentials; no error when there are none. */
    void delete(String shop);
}
