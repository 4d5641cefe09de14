package dev.o2o.core.customer;

import java.util.List;
import java.util.Objects;

/**
 * What every registered store did for one merge or unmerge, in registration order. Holds counts
 * only, never personal data.
 *
 * <p>Immutable and thread-safe.
 *
 * @param mergeId the merge
 * @param changes one entry per store
 */
public record MergeReport(String mergeId, List<StoreChange> changes) {

    public MergeReport {
        Objects.requireNonNull(mergeId, "mergeId");
        changes = List.copyOf(Objects.requireNonNull(changes, "changes"));
    }

    /** The change of the named store. */
    public StoreChange change(String store) {
        for (StoreChange c : changes) {
            if (c.store().equals(store)) {
                return c;
            }
        }
        throw new IllegalArgumentException("no store named '" + store + "' in the report of merge " + mergeId);
    }

    /** Whether every store had applied this change before (a retry that changed nothing). */
    public boolean replayed() {
        return changes.stream().allMatch(StoreChange::replayed);
    }
}
