package dev.doorstep.core.port;

import dev.doorstep.core.model.Shop;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Shops and their settings. */
public interface ShopStore {

    Optional<Shop> find(String shop);

    void save(Shop shop);

    /** Shops that are installed with the AfterShip integration on: the ones the delivery poll visits. */
    List<String> shopsWithDeliveryTracking();

    /**
     * Records that the shop's delivery poll saw every AfterShip change up to {@code polledAt}: sets
     * {@link Shop#lastPolledAt()} and nothing else, so a settings save at the same moment is never
     * clobbered. The checkpoint only moves forward, and an erased shop is not brought back.
     *
     * @return false (and nothing written) when the shop is gone or already checkpointed at or after
     *     {@code polledAt}
     */
    boolean recordPoll(String shop, Instant polledAt);

    /**
     * Records that a validly signed AfterShip webhook of the shop arrived at {@code at}: sets
     * {@link Shop#lastAfterShipWebhookAt()} and nothing else, only forward, never bringing back an
     * erased shop.
     */
    void recordAfterShipWebhook(String shop, Instant at);

    /**
     * Erases the shop and everything still stored under it (shop/redact); no error when nothing is
     * left. Callers remove what needs more than a delete (pending schedules) first.
     */
    void erase(String shop);
}
