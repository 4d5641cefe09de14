package dev.o2o.core.customer;

import dev.o2o.core.CustomerKey;
import dev.o2o.core.profile.ProfileBook;

import java.util.Map;
import java.util.Objects;

/** {@link CustomerDataStore#profiles}: a profile book following merges and erasures. Not thread-safe (as the book). */
final class ProfileBookStore implements CustomerDataStore {

    private final ProfileBook book;

    ProfileBookStore(ProfileBook book) {
        this.book = Objects.requireNonNull(book, "book");
    }

    @Override
    public String name() {
        return "profiles";
    }

    @Override
    public StoreChange merge(CustomerMerge merge) {
        Objects.requireNonNull(merge, "merge");
        // folding is idempotent by itself: the absorbed profile is gone after the first time
        boolean had = book.customers().contains(merge.absorbed());
        book.mergeCustomers(merge.absorbed(), merge.survivor());
        return new StoreChange(name(), false, Map.of("profiles", had ? 1L : 0L));
    }

    @Override
    public StoreChange unmerge(CustomerMerge merge, CustomerKey returnTo) {
        Objects.requireNonNull(merge, "merge");
        Objects.requireNonNull(returnTo, "returnTo");
        return new StoreChange(name(), false, Map.of("profiles", 0L));
    }

    @Override
    public StoreChange erase(CustomerKey customer, CustomerKey replacement) {
        Objects.requireNonNull(replacement, "replacement");
        return new StoreChange(name(), false, Map.of("profiles", book.remove(customer) ? 1L : 0L));
    }
}
