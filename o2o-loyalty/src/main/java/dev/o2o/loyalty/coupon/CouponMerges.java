package dev.o2o.loyalty.coupon;

import dev.o2o.core.customer.CustomerDataStore;
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
public final class CouponMerges {

    private static final String NAME = "coupons";

    private CouponMerges() {
    }

    /** Merges over a coupon store, reported under the name {@code "coupons"}. */
    public static CustomerDataStore of(CouponStore store) {
        Objects.requireNonNull(store, "store");
        return CustomerDataStore.of(NAME,
                merge -> change(store.mergeCustomer(merge.mergeId(), merge.absorbed(), merge.survivor())),
                (merge, returnTo) -> change(store.unmergeCustomer(merge.mergeId(), merge.survivor(), returnTo)),
                (customer, replacement) -> change(store.eraseCustomer(customer, replacement)));
    }

    private static StoreChange change(CustomerMove m) {
        return new StoreChange(NAME, m.replayed(), Map.of("codes", m.codes(), "redemptions", m.redemptions()));
    }
}
