package dev.doorstep.core.port;

import dev.doorstep.core.model.Shop;
import java.util.List;
import java.util.Optional;

/** Shops and their settings. */
public interface ShopStore {

    Optional<Shop> find(String shop);

    void save(Shop shop);

    /** Shops that are installed with the AfterShip integration on: the ones the delivery poll visits. */
    List<String> shopsWithDeliveryTracking();

    /**
     * Erases the shop and everything still stored under it (shop/redact); no error when nothing is
     * left. Callers remove what needs more than a delete (pending schedules) first.
     */
    void erase(String shop);
}
