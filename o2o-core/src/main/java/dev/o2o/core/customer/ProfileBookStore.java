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
final class ProfileBookStore {

    private static final String NAME = "profiles";

    private ProfileBookStore() {
    }

    static CustomerDataStore of(ProfileBook book) {
        Objects.requireNonNull(book, "book");
        return of(m -> {
            // folding is idempotent by itself: the absorbed profile is gone after the first time
            boolean had = book.customers().contains(m.absorbed());
            book.mergeCustomers(m.absorbed(), m.survivor());
            return new ProfileMove(false, had ? 1 : 0);
        }, book::remove);
    }

    static CustomerDataStore of(ProfileStore store) {
        Objects.requireNonNull(store, "store");
        return of(m -> store.mergeCustomers(m.mergeId(), m.absorbed(), m.survivor()), store::remove);
    }

    // an unmerge moves nothing: a profile's aggregates cannot be split by who caused them
    private static CustomerDataStore of(Function<CustomerMerge, ProfileMove> merge, Predicate<CustomerKey> remove) {
        return CustomerDataStore.of(NAME,
                m -> {
                    ProfileMove moved = merge.apply(m);
                    return change(moved.replayed(), moved.profiles());
                },
                (m, returnTo) -> change(false, 0),
                (customer, replacement) -> change(false, remove.test(customer) ? 1 : 0));
    }

    private static StoreChange change(boolean replayed, long profiles) {
        return new StoreChange(NAME, replayed, Map.of(NAME, profiles));
    }
}
