package dev.o2o.core.customer;

import dev.o2o.core.CustomerKey;
import dev.o2o.core.profile.ProfileBook;
import dev.o2o.core.profile.ProfileMove;
import dev.o2o.core.profile.ProfileStore;

import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * {@link CustomerDataStore#profiles(ProfileBook)} and {@link CustomerDataStore#profiles(ProfileStore)}:
 * profiles following merges and erasures. As thread-safe as the book (not) or the store (the built-ins are).
 */
final class ProfileBookStore implements CustomerDataStore {

    private final Function<CustomerMerge, ProfileMove> merge;
    private final Predicate<CustomerKey> remove;

    ProfileBookStore(ProfileBook book) {
        Objects.requireNonNull(book, "book");
        this.merge = m -> {
            // folding is idempotent by itself: the absorbed profile is gone after the first time
            boolean had = book.customers().contains(m.absorbed());
            book.mergeCustomers(m.absorbed(), m.survivor());
            return new ProfileMove(false, had ? 1 : 0);
        };
        this.remove = book::remove;
    }

    ProfileBookStore(ProfileStore store) {
        Objects.requireNonNull(store, "store");
        this.merge = m -> store.mergeCustomers(m.mergeId(), m.absorbed(), m.survivor());
        this.remove = store::remove;
    }

    @Override
    public String name() {
        return "profiles";
    }

    @Override
    public StoreChange merge(CustomerMerge merge) {
        Objects.requireNonNull(merge, "merge");
        ProfileMove m = this.merge.apply(merge);
        return new StoreChange(name(), m.replayed(), Map.of("profiles", m.profiles()));
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
        return new StoreChange(name(), false, Map.of("profiles", remove.test(customer) ? 1L : 0L));
    }
}
