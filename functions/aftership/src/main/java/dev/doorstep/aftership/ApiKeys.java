package dev.doorstep.aftership;

import java.util.Optional;

/** Where the AfterShip adapter finds a shop's API key in clear. */
public interface ApiKeys {

    Optional<ApiKey> forShop(String shop);

    /** AfterShip rejected the key: forget any cached copy so a newly saved key is picked up. */
    default void rejected(String shop) {
    }
}
