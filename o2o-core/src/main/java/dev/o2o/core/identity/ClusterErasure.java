package dev.o2o.core.identity;

import dev.o2o.core.CustomerKey;

import java.util.Objects;

/**
 * What {@link IdentityGraph#erase(CustomerKey)} removed.
 *
 * <p>Immutable and thread-safe.
 *
 * @param customer             the erased customer
 * @param identifiersRemoved   identifiers forgotten
 * @param linksRemoved         links forgotten (including suppressed links to other customers)
 * @param mergeEventsRemoved   merge-history entries forgotten
 */
public record ClusterErasure(CustomerKey customer, int identifiersRemoved, int linksRemoved, int mergeEventsRemoved) {

    public ClusterErasure {
        Objects.requireNonNull(customer, "customer");
        if (identifiersRemoved < 0 || linksRemoved < 0 || mergeEventsRemoved < 0) {
            throw new IllegalArgumentException("counts must be >= 0");
        }
    }
}
