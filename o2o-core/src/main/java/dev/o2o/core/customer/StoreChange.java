package dev.o2o.core.customer;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What one store did for a merge, an unmerge or an erasure, for the host's audit record. It holds
 * counts only, never personal data.
 *
 * <p>Immutable and thread-safe.
 *
 * @param store    the store's {@link CustomerDataStore#name() name}
 * @param replayed whether the change had been applied before under the same id, so that nothing
 *                 changed this time
 * @param counts   named non-negative counts, for example {@code points=487, lots=2}; sorted by name
 */
public record StoreChange(String store, boolean replayed, Map<String, Long> counts) {

    public StoreChange {
        Objects.requireNonNull(store, "store");
        if (store.isBlank()) {
            throw new IllegalArgumentException("store name must not be blank");
        }
        TreeMap<String, Long> copy = new TreeMap<>();
        for (Map.Entry<String, Long> e : Objects.requireNonNull(counts, "counts").entrySet()) {
            Objects.requireNonNull(e.getKey(), "count name");
            long v = Objects.requireNonNull(e.getValue(), "count " + e.getKey());
            if (v < 0) {
                throw new IllegalArgumentException("count " + e.getKey() + " of store " + store
                        + " must be >= 0: " + v);
            }
            copy.put(e.getKey(), v);
        }
        counts = Collections.unmodifiableMap(copy);
    }

    /** A count by name, 0 if the store did not report it. */
    public long count(String name) {
        return counts.getOrDefault(name, 0L);
    }
}
