package dev.doorstep.core.port;

import dev.doorstep.core.intake.CustomerDataExport;
import java.util.List;

/** Where customer data exports wait for the merchant (the table, read through the shop API). */
public interface CustomerDataExports {

    /** Stores the export; a repeated request (same shop, customer and time) replaces it. */
    void save(CustomerDataExport export);

    /** The shop's exports still kept, newest first. */
    List<CustomerDataExport> of(String shop);
}
