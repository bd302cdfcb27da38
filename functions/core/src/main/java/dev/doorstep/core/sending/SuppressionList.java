package dev.doorstep.core.sending;

import java.util.Optional;

/**
 * Customers who must not receive review requests, per shop, keyed by the digest of their address
 * (docs/table.md: {@code SHOP#{shop}} / {@code SUPPRESSED#{digest}}).
 */
public interface SuppressionList {

    /** Records the suppression; the first one recorded for a customer is kept (its reason and time). */
    void suppress(Suppression suppression);

    Optional<Suppression> find(String shop, EmailDigest email);

    /** Removes the record, if any (a record under an unkeyed digest, once re-keyed). */
    void forget(String shop, EmailDigest email);
}
