package dev.doorstep.core.memory;

import dev.doorstep.core.intake.CustomerDataExport;
import dev.doorstep.core.port.CustomerDataExports;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The {@link CustomerDataExports} contract in memory, for fast tests. */
public final class InMemoryCustomerDataExports implements CustomerDataExports {

    private final Map<String, CustomerDataExport> exports = new ConcurrentHashMap<>();

    @Override
    public void save(CustomerDataExport export) {
        exports.put(export.shop() + "#" + export.requestedAt() + "#" + export.customerId(), export);
    }

    @Override
    public List<CustomerDataExport> of(String shop) {
        return exports.values().stream().filter(e -> e.shop().equals(shop))
                .sorted(Comparator.comparing(CustomerDataExport::requestedAt).reversed()).toList();
    }
}
