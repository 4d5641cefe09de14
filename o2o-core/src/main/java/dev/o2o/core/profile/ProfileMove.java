package dev.o2o.core.profile;

import dev.o2o.core.CustomerKey;

/**
 * What {@link ProfileStore#mergeCustomers(String, CustomerKey, CustomerKey)} did under one merge
 * id, for the host's audit record: counts only, never personal data.
 *
 * <p>Immutable and thread-safe.
 *
 * @param replayed whether the merge id had been applied before, so that nothing changed this time
 *                 (the count is then the first application's)
 * @param profiles how many profiles were folded into the survivor's: 1, or 0 if the store had
 *                 nothing on the absorbed customer
 */
public record ProfileMove(boolean replayed, long profiles) {

    public ProfileMove {
        if (profiles < 0 || profiles > 1) {
            throw new IllegalArgumentException("profiles must be 0 or 1: " + profiles);
        }
    }
}
