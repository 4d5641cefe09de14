package dev.o2o.testkit.coupon;

import dev.o2o.loyalty.coupon.CouponStore;

class InMemoryCouponStoreTest extends CouponStoreConformanceTest {
    @Override
    protected CouponStore newStore() {
        return CouponStore.inMemory();
    }
}
