package dev.o2o.testkit.coupon;

import dev.o2o.loyalty.coupon.CouponStore;

/** The coupon merge kit on the in-memory store. */
class InMemoryCouponMergesTest extends CouponMergesConformanceTest {
    @Override
    protected CouponStore newStore() {
        return CouponStore.inMemory();
    }
}
