package dev.o2o.core.customer;

import dev.o2o.core.CustomerKey;

import java.util.Map;
import java.util.Objects;
import java.util.function.ToLongBiFunction;

/** {@link CustomerDataStore#reassigning}. Thread-safe if the functions are. */
final class ReassigningStore implements CustomerDataStore {

    private final String name;
    private final String count;
    private final ToLongBiFunction<CustomerKey, CustomerKey> merge;
    private final ToLongBiFunction<CustomerKey, CustomerKey> erase;

    ReassigningStore(String name, String count, ToLongBiFunction<CustomerKey, CustomerKey> merge,
                     ToLongBiFunction<CustomerKey, CustomerKey> erase) {
        this.name = Objects.requireNonNull(name, "name");
        this.count = Objects.requireNonNull(count, "count");
        this.merge = Objects.requireNonNull(merge, "merge");
        this.erase = Objects.requireNonNull(erase, "erase");
        if (name.isBlank() || count.isBlank()) {
            throw new IllegalArgumentException("name and count of a store must not be blank");
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public StoreChange merge(CustomerMerge m) {
        Objects.requireNonNull(m, "merge");
        return change(merge.applyAsLong(m.absorbed(), m.survivor()));
    }

    @Override
    public StoreChange unmerge(CustomerMerge m, CustomerKey returnTo) {
        Objects.requireNonNull(m, "merge");
        Objects.requireNonNull(returnTo, "returnTo");
        return change(0);
    }

    @Override
    public StoreChange erase(CustomerKey customer, CustomerKey replacement) {
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(replacement, "replacement");
        return change(erase.applyAsLong(customer, replacement));
    }

    private StoreChange change(long n) {
        return new StoreChange(name, false, Map.of(count, n));
    }
}
