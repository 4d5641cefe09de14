package dev.o2o.core.identity;

import dev.o2o.core.CustomerKey;

import java.util.List;
import java.util.Objects;

/**
 * The outcome of {@link IdentityGraph#unlink(Identifier, Identifier)}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param linksRemoved how many links between the two identifiers were removed (0 if there was none)
 * @param customers    the customers of the two identifiers afterwards: one key if they are still
 *                     connected through other links, two if the cluster split; empty if an
 *                     identifier is unknown
 */
public record SplitResult(int linksRemoved, List<CustomerKey> customers) {

    public SplitResult {
        if (linksRemoved < 0) {
            throw new IllegalArgumentException("linksRemoved must be >= 0: " + linksRemoved);
        }
        customers = List.copyOf(Objects.requireNonNull(customers, "customers"));
    }

    /** Whether the identifiers now belong to different customers. */
    public boolean split() {
        return customers.size() == 2;
    }
}
