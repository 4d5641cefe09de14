package dev.o2o.loyalty.points;

import dev.o2o.core.CustomerKey;
import dev.o2o.core.customer.CustomerDataStore;
import dev.o2o.core.customer.CustomerMerge;
import dev.o2o.core.customer.StoreChange;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** {@link MemberStore#asCustomerData()}. Thread-safe if the store is. */
final class MemberStoreData implements CustomerDataStore {

    private final MemberStore store;

    MemberStoreData(MemberStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    @Override
    public String name() {
        return "members";
    }

    @Override
    public StoreChange merge(CustomerMerge merge) {
        Objects.requireNonNull(merge, "merge");
        // idempotent by itself: the absorbed key holds nothing the second time
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
        long rows = store.reassign(customer, replacement);
        store.member(replacement).ifPresent(m -> store.save(new Member(replacement, m.zone(), java.util.Optional.empty(),
                m.tier(), m.tierMultiplier(), Set.of(), m.purchases())));
        return change(rows);
    }

    private StoreChange change(long rows) {
        return new StoreChange(name(), false, Map.of("rows", rows));
    }
}
