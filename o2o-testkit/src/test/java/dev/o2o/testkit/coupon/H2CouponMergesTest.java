package dev.o2o.testkit.coupon;

import dev.o2o.loyalty.coupon.CouponStore;

/** The coupon merge kit on the JDBC store over embedded H2 (a fresh database per test). */
class H2CouponMergesTest extends CouponMergesConformanceTest {
    @Override
    protected CouponStore newStore() {
        return H2CouponStoreTest.freshStore();
    }
}
