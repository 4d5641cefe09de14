package dev.o2o.core.privacy;

import dev.o2o.core.CustomerKey;

import java.util.Objects;

/**
 * What {@link Erasure#forget} removed, for the host's record of an erasure request (it holds no
 * personal data).
 *
 * <p>Immutable and thread-safe.
 *
 * @param customer           the erased customer
 * @param identifiersRemoved identifiers removed from the identity graph
 * @param linksRemoved       identity links removed
 * @param mergeEventsRemoved merge-history entries removed
 * @param profileRemoved     whether the profile book held data on the customer
 */
public record ErasureReport(CustomerKey customer, int identifiersRemoved, int linksRemoved, int mergeEventsRemoved,
                            boolean profileRemoved) {

    public ErasureReport {
        Objects.requireNonNull(customer, "customer");
        if (identifiersRemoved < 0 || linksRemoved < 0 || mergeEventsRemoved < 0) {
            throw new IllegalArgumentException("counts must be >= 0");
        }
    }

    /** Whether anything was found to erase. */
    public boolean erasedAnything() {
        return identifiersRemoved > 0 || profileRemoved;
    }
}
