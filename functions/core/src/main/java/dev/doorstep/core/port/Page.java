package dev.doorstep.core.port;

import java.util.List;

/** One page of results and the cursor for the next, null at the end. */
public record Page<T>(List<T> items, String nextCursor) {

    public Page {
        items = List.copyOf(items);
    }

    public boolean hasMore() {
        return nextCursor != null;
    }
}
