package dev.o2o.loyalty.coupon;

import dev.o2o.core.CustomerKey;
import dev.o2o.core.customer.CustomerDataStore;
import dev.o2o.core.customer.CustomerMerge;
import dev.o2o.core.customer.StoreChange;

import java.util.Map;
import java.util.Objects;

/**
 * Makes a {@link CouponStore} follow customer merges, unmerges and erasures (see
 * {@link CouponStore#mergeCustomer}, {@link CouponStore#unmergeCustomer} and
 * {@link CouponStore#eraseCustomer} for what moves).
 *
 * <p>Unmerge policy: codes the merge moved go back to their original holder if they are still
 * unused; redeemed or reserved ones, and every redemption, stay with the survivor.
 *
 * <p>Thread-safe if the store is (the built-in stores are).
 */
public final class CouponMerges implements CustomerDataStore {

    private final CouponStore store;

    private CouponMerges(CouponStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    /** Merges over a coupon store. */
    public static CouponMerges of(CouponStore store) {
        return new CouponMerges(store);
    }

    @Override
    public String name() {
        return "coupons";
    }

    @Override
    public StoreChange merge(CustomerMerge merge) {
        Objects.requireNonNull(merge, "merge");
        return change(store.mergeCustomer(merge.mergeId(), merge.absorbed(), merge.survivor()));
    }

    @Override
    public StoreChange unmerge(CustomerMerge merge, CustomerKey returnTo) {
        Objects.requireNonNull(merge, "merge");
        return change(store.unmergeCustomer(merge.mergeId(), merge.survivor(), returnTo));
    }

    @Override
    public StoreChange erase(CustomerKey customer, CustomerKey replacement) {
        return change(store.eraseCustomer(customer, replacement));
    }

    private StoreChange change(CustomerMove m) {
        return new StoreChange(name(), m.replayed(), Map.of("codes", m.codes(), "redemptions", m.redemptions()));
    }
}
