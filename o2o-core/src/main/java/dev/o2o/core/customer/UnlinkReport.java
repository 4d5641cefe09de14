package dev.o2o.core.customer;

import dev.o2o.core.identity.SplitResult;

import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of {@link CustomerMerges#unlink}: what the identity graph did, and what the stores
 * moved back if the customer split.
 *
 * <p>Immutable and thread-safe.
 *
 * @param split  the graph's answer
 * @param undone the stores' unmerge of the merge the removed link had made; empty if the customer
 *               did not split or no merge by that link was found
 */
public record UnlinkReport(SplitResult split, Optional<MergeReport> undone) {

    public UnlinkReport {
        Objects.requireNonNull(split, "split");
        Objects.requireNonNull(undone, "undone");
    }
}
