package dev.doorstep.core.port;

import dev.doorstep.core.model.BackfillOffer;
import java.util.Optional;

/** Each shop's one backfill offer ({@link BackfillOffer}). */
public interface BackfillOffers {

    Optional<BackfillOffer> find(String shop);

    /**
     * Writes {@code next} if the stored offer is still the one it was made from: none when its version is 0,
     * else the same version. The stored copy gets version + 1.
     *
     * @return the stored copy, or empty (nothing written) when another write came first
     */
    Optional<BackfillOffer> put(BackfillOffer next);
}
