package dev.doorstep.core.memory;

import dev.doorstep.core.sending.EmailDigest;
import dev.doorstep.core.sending.Suppression;
import dev.doorstep.core.sending.SuppressionList;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The {@link SuppressionList} contract in memory, for fast tests: the first suppression is kept. */
public final class InMemorySuppressionList implements SuppressionList {

    private final Map<String, Suppression> suppressions = new ConcurrentHashMap<>();

    @Override
    public void suppress(Suppression suppression) {
        suppressions.putIfAbsent(suppression.shop() + "#" + suppression.email().hex(), suppression);
    }

    @Override
    public Optional<Suppression> find(String shop, EmailDigest email) {
        return Optional.ofNullable(suppressions.get(shop + "#" + email.hex()));
    }

    @Override
    public void forget(String shop, EmailDigest email) {
        suppressions.remove(shop + "#" + email.hex());
    }
}
