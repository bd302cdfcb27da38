package dev.doorstep.core.memory;

import dev.doorstep.core.model.BackfillOffer;
import dev.doorstep.core.port.BackfillOffers;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The {@link BackfillOffers} contract in memory, for fast tests. */
public final class InMemoryBackfillOffers implements BackfillOffers {

    private final Map<String, BackfillOffer> offers = new ConcurrentHashMap<>();

    @Override
    public Optional<BackfillOffer> find(String shop) {
        return Optional.ofNullable(offers.get(shop));
    }

    @Override
    public Optional<BackfillOffer> put(BackfillOffer next) {
        BackfillOffer stored = next.withVersion(next.version() + 1);
        boolean[] written = {false};
        offers.compute(next.shop(), (shop, current) -> {
            long currentVersion = current == null ? 0 : current.version();
            if (currentVersion != next.version()) {
                return current;
            }
            written[0] = true;
            return stored;
        });
        return written[0] ? Optional.of(stored) : Optional.empty();
    }
}
