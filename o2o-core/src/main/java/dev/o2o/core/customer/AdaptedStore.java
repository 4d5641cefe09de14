package dev.o2o.core.customer;

import dev.o2o.core.CustomerKey;

import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Function;

/** {@link CustomerDataStore#of}. Thread-safe if the functions are. */
final class AdaptedStore implements CustomerDataStore {

    private final String name;
    private final Function<CustomerMerge, StoreChange> merge;
    private final BiFunction<CustomerMerge, CustomerKey, StoreChange> unmerge;
    private final BiFunction<CustomerKey, CustomerKey, StoreChange> erase;

    AdaptedStore(String name, Function<CustomerMerge, StoreChange> merge,
                 BiFunction<CustomerMerge, CustomerKey, StoreChange> unmerge,
                 BiFunction<CustomerKey, CustomerKey, StoreChange> erase) {
        this.name = Objects.requireNonNull(name, "name");
        this.merge = Objects.requireNonNull(merge, "merge");
        this.unmerge = Objects.requireNonNull(unmerge, "unmerge");
        this.erase = Objects.requireNonNull(erase, "erase");
        if (name.isBlank()) {
            throw new IllegalArgumentException("store name must not be blank");
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public StoreChange merge(CustomerMerge m) {
        Objects.requireNonNull(m, "merge");
        return checked(merge.apply(m));
    }

    @Override
    public StoreChange unmerge(CustomerMerge m, CustomerKey returnTo) {
        Objects.requireNonNull(m, "merge");
        Objects.requireNonNull(returnTo, "returnTo");
        return checked(unmerge.apply(m, returnTo));
    }

    @Override
    public StoreChange erase(CustomerKey customer, CustomerKey replacement) {
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(replacement, "replacement");
        return checked(erase.apply(customer, replacement));
    }

    // a report under another store's name would be filed in the wrong place of the audit record
    private StoreChange checked(StoreChange change) {
        Objects.requireNonNull(change, "store change of " + name);
        if (!change.store().equals(name)) {
            throw new IllegalStateException("store " + name + " reported its change as " + change.store());
        }
        return change;
    }
}
