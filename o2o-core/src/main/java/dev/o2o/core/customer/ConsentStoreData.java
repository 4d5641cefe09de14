package dev.o2o.core.customer;

import dev.o2o.core.CustomerKey;
import dev.o2o.core.consent.ConsentStore;

import java.util.Map;
import java.util.Objects;

/** {@link CustomerDataStore#consents}: a consent store following merges and erasures. Thread-safe if the store is. */
final class ConsentStoreData implements CustomerDataStore {

    private final ConsentStore store;

    ConsentStoreData(ConsentStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    @Override
    public String name() {
        return "consents";
    }

    @Override
    public StoreChange merge(CustomerMerge merge) {
        Objects.requireNonNull(merge, "merge");
        // moving a history is idempotent by itself: the absorbed key holds nothing the second time
        return change(store.reassign(merge.absorbed(), merge.survivor()));
    }

    @Override
    public StoreChange unmerge(CustomerMerge merge, CustomerKey returnTo) {
        Objects.requireNonNull(merge, "merge");
        Objects.requireNonNull(returnTo, "returnTo");
        return change(0);
    }

    @Override
    public StoreChange erase(CustomerKey customer, CustomerKey replacement) {
        return change(store.reassign(customer, replacement));
    }

    private StoreChange change(long changes) {
        return new StoreChange(name(), false, Map.of("changes", changes));
    }
}
