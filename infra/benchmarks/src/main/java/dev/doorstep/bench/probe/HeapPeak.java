package dev.doorstep.bench.probe;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;

/** The highest heap use a JVM saw, read from its memory pools. */
final class HeapPeak {

    private HeapPeak() {
    }

    /** The sum of each heap pool's peak: an upper bound on the true peak (pools peak at different times). */
    static long bytes() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }
}
