package dev.o2o.loyalty.coupon;

class InMemoryCouponStoreTest extends CouponStoreConformanceTest {
    @Override
    CouponStore newStore() {
        return CouponStore.inMemory();
    }
}
