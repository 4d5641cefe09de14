package dev.o2o.core.customer;

import dev.o2o.core.CustomerKey;

import java.util.Map;
import java.util.Objects;
import java.util.function.ToLongBiFunction;

/** {@link CustomerDataStore#reassigning}. Thread-safe if the functions are. */
final class ReassigningStore {

    private ReassigningStore() {
    }

    static CustomerDataStore of(String name, String count, ToLongBiFunction<CustomerKey, CustomerKey> merge,
                                ToLongBiFunction<CustomerKey, CustomerKey> erase) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(count, "count");
        Objects.requireNonNull(merge, "merge");
        Objects.requireNonNull(erase, "erase");
        if (name.isBlank() || count.isBlank()) {
            throw new IllegalArgumentException("name and count of a store must not be blank");
        }
        return CustomerDataStore.of(name,
                m -> new StoreChange(name, false, Map.of(count, merge.applyAsLong(m.absorbed(), m.survivor()))),
                (m, returnTo) -> new StoreChange(name, false, Map.of(count, 0L)),
                (customer, replacement) -> new StoreChange(name, false,
                        Map.of(count, erase.applyAsLong(customer, replacement))));
    }
}
