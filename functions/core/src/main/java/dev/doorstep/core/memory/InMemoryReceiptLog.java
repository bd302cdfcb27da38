package dev.doorstep.core.memory;

import dev.doorstep.core.port.ReceiptLog;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The {@link ReceiptLog} contract in memory, for fast tests. */
public final class InMemoryReceiptLog implements ReceiptLog {

    private final Set<String> seen = ConcurrentHashMap.newKeySet();

    @Override
    public boolean firstReceipt(String source, String id, Instant forgetAfter) {
        return seen.add(source + "#" + id);
    }

    @Override
    public boolean alreadyReceived(String source, String id) {
        return seen.contains(source + "#" + id);
    }
}
